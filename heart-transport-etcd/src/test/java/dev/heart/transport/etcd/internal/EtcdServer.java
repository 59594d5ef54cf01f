package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.fail;

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
    static final String INSTALL = "install Debian's etcd-server (apt-get update && apt-get install -y etcd-server),"
            + " or let .ci/get-etcd unpack it into heart-transport-etcd/target/etcd";

    final String name;
    final int clientPort;
    final int peerPort;
    final Path dataDir;
    private final Path log;
    private String initialCluster;
    private volatile Process process;
    /** Extra flags (TLS, auth); TLS members serve https client URLs. */
    private volatile List<String> extraArgs = List.of();

    private volatile boolean tls;

    /**
     * Flags for the next {@link #start()}: with {@code tls}, the client URLs are https and the
     * member is ready when its log says so (the plaintext probe cannot ask it).
     */
    public void configure(List<String> args, boolean useTls) {
        this.extraArgs = List.copyOf(args);
        this.tls = useTls;
    }

    /** A second, plaintext client port of a TLS member (0: none), advertised before the https one. */
    private volatile int plainPort;

    /**
     * With TLS, also serve (and advertise, first) a plaintext {@code http} client URL on another
     * port, as a member that migrates to TLS might: the URL a transport must never move an
     * {@code etcds} target onto.
     *
     * @return the plaintext target, {@code etcd://127.0.0.1:port}
     */
    public URI alsoPlaintext() {
        plainPort = freePort();
        return URI.create("etcd://127.0.0.1:" + plainPort);
    }

    /** The client URL as a TLS heart sees it: {@code etcds://127.0.0.1:port}. */
    public URI secureTarget() {
        return URI.create("etcds://127.0.0.1:" + clientPort);
    }

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
        List<String> command = new ArrayList<>(List.of(
                etcdBinary(),
                "--name",
                name,
                "--data-dir",
                dataDir.toString(),
                "--listen-client-urls",
                (tls ? "https" : "http") + "://127.0.0.1:" + clientPort
                        + (plainPort > 0 ? ",http://127.0.0.1:" + plainPort : ""),
                "--advertise-client-urls",
                (plainPort > 0 ? "http://127.0.0.1:" + plainPort + "," : "") + (tls ? "https" : "http")
                        + "://127.0.0.1:" + clientPort,
                "--listen-peer-urls",
                peerUrl(),
                "--initial-advertise-peer-urls",
                peerUrl(),
                "--initial-cluster",
                initialCluster,
                "--initial-cluster-state",
                "new"));
        command.addAll(extraArgs);
        try {
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
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
            last = tls
                    ? (logSinceStart().contains("ready to serve client requests") ? "ready" : "not ready in its log")
                    : EtcdProbe.health(clientPort);
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

    /** Kills the process and deletes its data: the next {@link #start()} is an etcd that knows nothing. */
    public void killAndWipe() {
        kill();
        try (java.util.stream.Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isRunning() {
        return isAlive();
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

    private volatile long logOffset;

    private String logSinceStart() {
        try {
            byte[] all = Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
            int from = (int) Math.min(all.length, logOffset);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
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

    private static String binary;

    /**
     * The etcd binary {@code .ci/get-etcd} answers with: a working etcd on the PATH, else Debian's
     * etcd-server unpacked into {@code target/etcd} (nothing installed). When neither works,
     * the etcd tests are skipped with one line saying why and how to get etcd, or fail when
     * {@code CI=true}.
     */
    static synchronized String etcdBinary() {
        if (binary != null) {
            return binary;
        }
        String why = fetch();
        if (binary != null) {
            return binary;
        }
        String message = "etcd tests skipped: no 'etcd' on the PATH and " + why + "; " + INSTALL;
        if ("true".equals(System.getenv("CI"))) {
            return fail(message + " (CI=true: the etcd tests may not be skipped)");
        }
        if (!skipSaid) {
            skipSaid = true;
            System.err.println(message);
        }
        org.junit.jupiter.api.Assumptions.abort(message);
        return null;
    }

    private static boolean skipSaid;

    /** Runs {@code .ci/get-etcd target/etcd}; sets {@link #binary} or returns why not. */
    private static String fetch() {
        Path script = Path.of("..", ".ci", "get-etcd").toAbsolutePath().normalize();
        if (!Files.isRegularFile(script)) {
            return script + " is missing";
        }
        try {
            Process get = new ProcessBuilder(
                            "bash",
                            script.toString(),
                            Path.of("target", "etcd").toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out =
                    new String(get.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!get.waitFor(5, TimeUnit.MINUTES) || get.exitValue() != 0 || out.isEmpty()) {
                return ".ci/get-etcd could not fetch Debian's etcd-server";
            }
            binary = out;
            return "";
        } catch (IOException e) {
            return "running .ci/get-etcd failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while fetching etcd";
        }
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
