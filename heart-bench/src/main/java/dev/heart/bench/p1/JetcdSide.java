package dev.heart.bench.p1;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * P1's baseline: jetcd (the official Java client) keeping N leases alive with its own
 * {@code keepAlive}, each with a key put under it, against a fresh etcd with the same flags.
 */
final class JetcdSide implements AutoCloseable {
    final AtomicLong answers = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    /** Keepalives jetcd ended without an error ({@code onCompleted}: it got no answer within the lease's TTL). */
    final AtomicLong ended = new AtomicLong();
    /** The first failure jetcd reported (a registration's or a keepalive's), for the report; null while none. */
    final java.util.concurrent.atomic.AtomicReference<Throwable> firstFailure =
            new java.util.concurrent.atomic.AtomicReference<>();

    private final Client client;
    private final List<CloseableClient> keepAlives = new CopyOnWriteArrayList<>();

    JetcdSide(int clientPort) {
        client = Client.builder().endpoints("http://127.0.0.1:" + clientPort).build();
    }

    /** Grants, puts and keeps alive N leases, at most 512 registrations in flight. */
    void start(int n, long ttlSeconds) throws InterruptedException {
        Semaphore inFlight = new Semaphore(512);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            ByteSequence key = ByteSequence.from("/heart/p1jetcd/j" + i, StandardCharsets.UTF_8);
            client.getLeaseClient()
                    .grant(ttlSeconds)
                    .thenCompose(grant -> client.getKVClient()
                            .put(
                                    key,
                                    ByteSequence.from("{}", StandardCharsets.UTF_8),
                                    PutOption.builder()
                                            .withLeaseId(grant.getID())
                                            .build())
                            .thenApply(put -> grant.getID()))
                    .whenComplete((lease, failure) -> {
                        inFlight.release();
                        if (failure != null) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, failure);
                            return;
                        }
                        keepAlives.add(client.getLeaseClient().keepAlive(lease, new StreamObserver<>() {
                            @Override
                            public void onNext(LeaseKeepAliveResponse value) {
                                answers.incrementAndGet();
                            }

                            @Override
                            public void onError(Throwable t) {
                                failures.incrementAndGet();
                                firstFailure.compareAndSet(null, t);
                            }

                            @Override
                            public void onCompleted() {
                                ended.incrementAndGet();
                            }
                        }));
                    });
        }
        inFlight.acquire(512);
        inFlight.release(512);
    }

    @Override
    public void close() {
        keepAlives.forEach(CloseableClient::close);
        client.close();
    }
}
