package dev.heart.transport.zookeeper.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One ZooKeeper server for tests: a child JVM ({@code ZooKeeperServerMain}, or a member of a
 * quorum with {@code QuorumPeerMain}) on 127.0.0.1 with OS-chosen ports, its own data directory
 * and log file, the server from Maven (the test class path, written by the build). Stopped by its
 * own PID.
 */
public final class ZkServer implements AutoCloseable {
    /** The tick of every test server: session timeouts of 1 to 10 s. */
    public static final int TICK_MS = 500;

    final String name;
    final Path dir;
    final int clientPort;
    final int peerPort;
    final int electionPort;
    final int id;
    private final Path log;
    private final Map<String, String> extra;
    private volatile Process process;
    private String servers = ""; // quorum members, empty for standalone

    ZkServer(String name, Path dir, int id, Map<String, String> extra) {
        this.name = name;
        this.dir = dir;
        this.id = id;
        this.extra = Map.copyOf(extra);
        this.clientPort = freePort();
        this.peerPort = freePort();
        this.electionPort = freePort();
        this.log = dir.resolve(name + ".log");
    }

    /** A standalone server, started and ready. */
    public static ZkServer standalone() {
        return standalone(Map.of());
    }

    /** A standalone server with extra zoo.cfg lines, started and ready (TLS servers: ready on their log). */
    public static ZkServer standalone(Map<String, String> extra) {
        ZkServer server = new ZkServer("zk", newDir(), 0, extra);
        server.start();
        server.awaitReady(Duration.ofSeconds(60));
        return server;
    }

    /** A standalone server, not started (see {@link #start()} and {@link #awaitReady(Duration)}). */
    public static ZkServer prepared() {
        return new ZkServer("zk", newDir(), 0, Map.of());
    }

    static Path newDir() {
        try {
            Path root = Paths.get(System.getProperty("heart.zookeeper.server.work", "target/zookeeper-servers"));
            Files.createDirectories(root);
            return Files.createTempDirectory(root.toAbsolutePath(), "zk-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void members(String serverLines) {
        this.servers = serverLines;
    }

    String memberLine() {
        return "server." + id + "=127.0.0.1:" + peerPort + ":" + electionPort;
    }

    /** The plaintext target of this one server: {@code zk://127.0.0.1:port}. */
    public URI target() {
        return URI.create("zk://127.0.0.1:" + clientPort);
    }

    /** {@code 127.0.0.1:port}. */
    public String hostPort() {
        return "127.0.0.1:" + clientPort;
    }

    /** The client port. */
    public int clientPort() {
        return clientPort;
    }

    /** (Re)starts the process with the same ports and data; does not wait. */
    public void start() {
        Path data = dir.resolve(name + "-data");
        Path config = dir.resolve(name + ".cfg");
        try {
            Files.createDirectories(data);
            StringBuilder cfg = new StringBuilder();
            cfg.append("tickTime=")
                    .append(TICK_MS)
                    .append('\n')
                    .append("dataDir=")
                    .append(data)
                    .append('\n')
                    .append("clientPort=")
                    .append(clientPort)
                    .append('\n')
                    .append("clientPortAddress=127.0.0.1\n")
                    .append("admin.enableServer=false\n")
                    .append("4lw.commands.whitelist=srvr\n")
                    .append("maxClientCnxns=0\n");
            if (!servers.isEmpty()) {
                Files.writeString(data.resolve("myid"), Integer.toString(id));
                cfg.append("initLimit=20\nsyncLimit=5\nreconfigEnabled=false\nstandaloneEnabled=false\n")
                        .append(servers);
            }
            extra.forEach((k, v) -> cfg.append(k).append('=').append(v).append('\n'));
            Files.writeString(config, cfg.toString());
            String java =
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            String classpath = Files.readString(Paths.get(System.getProperty(
                            "heart.zookeeper.server.classpath", "target/zookeeper-server.classpath")))
                    .strip();
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-Xmx128m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                    "-Dzookeeper.jmx.log4j.disable=true",
                    "-Dzookeeper.admin.enableServer=false",
                    "-cp",
                    classpath,
                    servers.isEmpty()
                            ? "org.apache.zookeeper.server.ZooKeeperServerMain"
                            : "org.apache.zookeeper.server.quorum.QuorumPeerMain",
                    config.toString()));
            logOffset = Files.exists(log) ? Files.size(log) : 0;
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ZooKeeper " + name, e);
        }
    }

    private volatile long logOffset;

    /** Waits until the server serves requests (its {@code srvr} answers a mode), at most {@code bound}. */
    public void awaitReady(Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        String last = "no answer";
        while (System.nanoTime() - end < 0) {
            Process running = process;
            if (running == null || !running.isAlive()) {
                fail("ZooKeeper " + name + " exited before it was ready; log " + log + ":\n" + tail());
            }
            last = mode();
            if (last.equals("standalone") || last.equals("leader") || last.equals("follower")) {
                return;
            }
            sleep(50);
        }
        fail("ZooKeeper " + name + " not ready within " + bound + " (last: " + last + "); log " + log + ":\n" + tail());
    }

    /** The server's mode from {@code srvr}: standalone, leader, follower, or why none. */
    public String mode() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), clientPort), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            for (String line : answer.split("\n")) {
                if (line.startsWith("Mode: ")) {
                    return line.substring(6).strip();
                }
            }
            return answer.isBlank() ? "empty answer" : answer.strip();
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Whether the process runs. */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The PID of the running process. */
    public long pid() {
        return process.pid();
    }

    /** Kills the process (SIGKILL, by its PID) and waits for it. */
    public void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroyForcibly);
        try {
            if (!running.waitFor(10, TimeUnit.SECONDS)) {
                fail("ZooKeeper " + name + " (pid " + running.pid() + ") did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process and deletes its data: the next {@link #start()} is a server that knows nothing. */
    public void killAndWipe() {
        kill();
        deleteTree(dir.resolve(name + "-data"));
    }

    /** Copies the data directory (the server should be stopped). */
    public Path snapshot() {
        Path copy = dir.resolve(name + "-snapshot-" + System.nanoTime());
        copyTree(dir.resolve(name + "-data"), copy);
        return copy;
    }

    /** Kills the process and puts back a copy of its data taken earlier. */
    public void killAndRestore(Path snapshot) {
        kill();
        deleteTree(dir.resolve(name + "-data"));
        copyTree(snapshot, dir.resolve(name + "-data"));
    }

    @Override
    public void close() {
        kill();
    }

    String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
