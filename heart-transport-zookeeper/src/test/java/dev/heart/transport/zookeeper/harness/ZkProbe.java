package dev.heart.transport.zookeeper.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;

/** ZooKeeper's own client, asked independently of the transport under test. */
public final class ZkProbe implements AutoCloseable {
    private final ZooKeeper zk;

    /** Connects to {@code connectString} and waits for the session (at most 30 s). */
    public ZkProbe(String connectString) {
        CountDownLatch connected = new CountDownLatch(1);
        try {
            org.apache.zookeeper.client.ZKClientConfig config = new org.apache.zookeeper.client.ZKClientConfig();
            config.setProperty(org.apache.zookeeper.client.ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
            zk = new ZooKeeper(
                    connectString,
                    10_000,
                    event -> {
                        if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                            connected.countDown();
                        }
                    },
                    config);
            if (!connected.await(30, TimeUnit.SECONDS)) {
                zk.close();
                throw new IllegalStateException("probe: no ZooKeeper session to " + connectString + " within 30 s");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The raw client. */
    public ZooKeeper zk() {
        return zk;
    }

    /** The znode's stat, or null when it does not exist. */
    public Stat stat(String path) throws KeeperException, InterruptedException {
        return zk.exists(path, false);
    }

    /** The znode's data as UTF-8, or null. */
    public String data(String path) throws KeeperException, InterruptedException {
        try {
            return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /** The znode's ACL. */
    public List<ACL> acl(String path) throws KeeperException, InterruptedException {
        return zk.getACL(path, new Stat());
    }

    /** The children, or an empty list. */
    public List<String> children(String path) throws KeeperException, InterruptedException {
        try {
            return zk.getChildren(path, false);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
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
