package dev.heart.bench.p3;

import dev.heart.bench.proc.ProcCpu;
import dev.heart.bench.proc.SideProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One ZooKeeper 3.9.5 server of P3 ({@code ZooKeeperServerMain} from Maven's jar, in a child JVM)
 * on 127.0.0.1 with an OS-chosen port and a fresh data directory (in memory under
 * {@code /dev/shm} when the machine has it: P3 compares CPU, not disks); stopped by its PID, its
 * directory deleted.
 */
final class P3Server implements AutoCloseable {
    /** ZooKeeper's default tick: session timeouts from 4 s to 40 s. */
    static final int TICK_MS = 2_000;
    /** The server JVM's options, the same for both sides. */
    static final List<String> JVM = List.of("-Xmx1g", "-Dzookeeper.admin.enableServer=false");

    private final Path dir;
    private final Process process;
    final int port;

    private P3Server(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts a fresh server (not waiting for it: see {@link #awaitServing()}). */
    static P3Server start(String classPath, int port) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "heart-p3-zk")
                : Files.createTempDirectory("heart-p3-zk");
        Path config = dir.resolve("zoo.cfg");
        Files.writeString(config, config(dir.resolve("data"), port));
        List<String> command = new java.util.ArrayList<>();
        command.add(SideProcess.java());
        command.addAll(JVM);
        command.addAll(List.of(
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classPath,
                "org.apache.zookeeper.server.ZooKeeperServerMain",
                config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("zookeeper.log").toFile())
                .start();
        return new P3Server(dir, process, port);
    }

    /**
     * The server's settings: ZooKeeper's defaults but for the address, the data, unlimited
     * connections per address, no admin server, and the {@code srvr} command (readiness).
     */
    static String config(Path data, int port) {
        return "tickTime=" + TICK_MS + "\n"
                + "dataDir=" + data + "\n"
                + "clientPort=" + port + "\n"
                + "clientPortAddress=127.0.0.1\n"
                + "admin.enableServer=false\n"
                + "maxClientCnxns=0\n"
                + "4lw.commands.whitelist=srvr\n";
    }

    /**
     * Waits until the server serves ({@code srvr} answers {@code Mode: standalone}), at most
     * {@link #READY_BOUND}.
     *
     * @throws IOException when the server exited or did not serve in time
     */
    void awaitServing() throws IOException, InterruptedException {
        long end = System.nanoTime() + READY_BOUND.toNanos();
        while (!mode().equals("standalone")) {
            if (!process.isAlive() || System.nanoTime() - end > 0) {
                throw new IOException("ZooKeeper "
                        + (process.isAlive() ? "did not serve within " + READY_BOUND : "exited") + "; see " + log());
            }
            Thread.sleep(100);
        }
    }

    /** The server's mode from {@code srvr}, or why there is none. */
    private String mode() {
        return field(srvr(), "Mode: ", e -> e);
    }

    /**
     * The packets the server has received so far ({@code srvr}'s {@code Received}: requests and
     * pings of every session), or -1 when it did not answer.
     */
    long received() {
        return Long.parseLong(field(srvr(), "Received: ", e -> "-1"));
    }

    private static String field(String srvr, String name, java.util.function.UnaryOperator<String> missing) {
        for (String line : srvr.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).strip();
            }
        }
        return missing.apply(srvr.strip());
    }

    /** The answer to {@code srvr}, or why there is none. */
    private String srvr() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(2_000);
            socket.getOutputStream().write("srvr".getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The connect string, {@code 127.0.0.1:port}. */
    String connectString() {
        return "127.0.0.1:" + port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The server's log, for messages. */
    Path log() {
        return dir.resolve("zookeeper.log");
    }

    /** The server process's CPU time (user + system) so far, in nanoseconds. */
    long cpuNanos() throws IOException {
        return ProcCpu.nanos(process.pid());
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }

    /** How long a server may take to serve after its start. */
    static final Duration READY_BOUND = Duration.ofSeconds(60);
}
