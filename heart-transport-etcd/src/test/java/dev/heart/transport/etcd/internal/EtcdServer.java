package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One etcd process on 127.0.0.1 for tests: free ports found at run time, its own data directory,
 * output in a log file. Fails the test, saying so, when etcd is not installed or does not start.
 */
public final class EtcdServer {
    /** What to do when etcd is missing. */
    static final String INSTALL = "install Debian's etcd-server (apt-get update && apt-get install -y etcd-server);"
            + " .ci/run does this when etcd is not on the PATH";

    final String name;
    final int clientPort;
    final int peerPort;
    final Path dataDir;
    private final Path log;
    private String initialCluster;
    private volatile Process process;

    EtcdServer(String name, Path root) {
        this.name = name;
        this.clientPort = freePort();
        this.peerPort = freePort();
        this.dataDir = root.resolve(name + ".etcd");
        this.log = root.resolve(name + ".log");
    }

    /** The client URL as the heart sees it: {@code etcd://127.0.0.1:port}. */
    public URI target() {
        return URI.create("etcd://127.0.0.1:" + clientPort);
    }

    String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    /** Starts the process with {@code initialCluster} (name=peerUrl,...); does not wait. */
    void start(String initialCluster) {
        this.initialCluster = initialCluster;
        start();
    }

    /** (Re)starts the process with the same ports and data; does not wait. */
    public void start() {
        List<String> command = new ArrayList<>(List.of(etcdBinary(),
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", "http://127.0.0.1:" + clientPort,
                "--advertise-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-state", "new"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            fail("cannot start etcd (" + command + "): " + e + "; " + INSTALL, e);
        }
    }

    /** Waits until the member answers its status and knows a leader, at most {@code bound}; fails the test otherwise. */
    public void awaitReady(Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        String last = "no answer";
        while (System.nanoTime() - end < 0) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                fail("etcd " + name + " exited before it was ready; log " + log + ":\n" + tail());
            }
            last = EtcdProbe.health(clientPort);
            if (last.equals("ready")) {
                return;
            }
            sleep(Duration.ofMillis(100));
        }
        fail("etcd " + name + " not ready within " + bound + " (last: " + last + "); log " + log + ":\n" + tail());
    }

    /** Stops the process gracefully (SIGTERM) and waits for it, then forcibly if it lingers. */
    public void stop() {
        end(false);
    }

    /** Kills the process (SIGKILL) and waits for it. */
    public void kill() {
        end(true);
    }

    boolean isAlive() {
        Process running = process;
        return running != null && running.isAlive();
    }

    private void end(boolean force) {
        Process running = process;
        if (running == null) {
            return;
        }
        try {
            if (force) {
                running.destroyForcibly();
            } else {
                running.destroy();
            }
            if (!running.waitFor(5, TimeUnit.SECONDS)) {
                running.destroyForcibly();
                running.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The etcd binary on the PATH; fails the test with what to install when there is none. */
    static String etcdBinary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Path.of(dir, "etcd").toString();
            }
        }
        return fail("etcd is not installed: no 'etcd' on the PATH, so the etcd tests cannot run; " + INSTALL);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "etcd " + name + " at 127.0.0.1:" + clientPort;
    }
}
