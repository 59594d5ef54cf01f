package dev.heart.transport.etcd.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One or more etcd processes on loopback forming one cluster, in a temporary directory. Closing
 * stops every member and deletes the directory; a shutdown hook does the same if the JVM exits
 * first.
 */
public final class EtcdCluster implements AutoCloseable {
    private static final Duration READY = Duration.ofSeconds(30);

    private final Path root;
    private final List<EtcdServer> members = new ArrayList<>();
    private final Thread hook;

    private EtcdCluster(int size) {
        EtcdServer.etcdBinary();
        try {
            root = Files.createTempDirectory("heart-etcd-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < size; i++) {
            members.add(new EtcdServer("m" + i, root));
        }
        hook = new Thread(this::stopAll, "heart-etcd-test-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts a cluster of {@code size} members and waits until every member is healthy. Ports are
     * chosen free, then given to etcd: another process may take one in between, so a member that
     * exits with "address already in use" makes a new cluster on other ports (three tries).
     */
    public static EtcdCluster start(int size) {
        for (int attempt = 1; ; attempt++) {
            EtcdCluster cluster = new EtcdCluster(size);
            try {
                cluster.startAll();
                return cluster;
            } catch (RuntimeException | Error e) {
                cluster.close();
                if (attempt >= 3 || !String.valueOf(e.getMessage()).contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** A cluster of {@code size} members with their ports chosen, not started yet. */
    public static EtcdCluster prepare(int size) {
        return new EtcdCluster(size);
    }

    /** Starts every member and waits until each is healthy. */
    public void startAll() {
        String initial = members.stream().map(m -> m.name + "=" + m.peerUrl()).collect(Collectors.joining(","));
        members.forEach(m -> m.start(initial));
        members.forEach(m -> m.awaitReady(READY));
    }

    /** Member {@code i}. */
    public EtcdServer member(int i) {
        return members.get(i);
    }

    /** Every member. */
    public List<EtcdServer> members() {
        return List.copyOf(members);
    }

    private void stopAll() {
        members.forEach(EtcdServer::kill);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary directory
        }
    }
}
