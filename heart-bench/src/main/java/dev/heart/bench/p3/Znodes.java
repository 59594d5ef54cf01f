package dev.heart.bench.p3;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/**
 * The harness's own ZooKeeper session (in the harness's JVM, not a side's), which counts the
 * znodes a side holds: the children of {@code /services/<service>}, from one {@code exists} (its
 * {@code numChildren}), so that counting costs the server the same little for both sides.
 */
final class Znodes implements AutoCloseable {
    private final ZooKeeper zk;

    private Znodes(ZooKeeper zk) {
        this.zk = zk;
    }

    /**
     * Connects to {@code server} once it serves ({@link P3Server#awaitServing()}).
     *
     * @throws IOException when the server exited, or did not serve or accept a session in time
     */
    static Znodes connect(P3Server server) throws IOException, InterruptedException {
        server.awaitServing();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(server.connectString(), 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(P3Server.READY_BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new IOException("no session with ZooKeeper within " + P3Server.READY_BOUND + "; see " + server.log());
        }
        return new Znodes(zk);
    }

    /**
     * The znodes under {@code /services/<service>} now: 0 when the service's znode does not exist.
     *
     * @param bound how long the count may take
     * @throws IOException when ZooKeeper did not answer within {@code bound}
     */
    long count(String service, Duration bound) throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<Long> answer = new java.util.concurrent.CompletableFuture<>();
        zk.exists(
                "/services/" + service,
                false,
                (rc, path, ctx, stat) -> {
                    if (rc == KeeperException.Code.OK.intValue()) {
                        answer.complete((long) stat.getNumChildren());
                    } else if (rc == KeeperException.Code.NONODE.intValue()) {
                        answer.complete(0L);
                    } else {
                        answer.completeExceptionally(KeeperException.create(KeeperException.Code.get(rc), path));
                    }
                },
                null);
        try {
            return answer.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException("cannot count /services/" + service + ": " + e, e);
        }
    }

    @Override
    public void close() {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
