package dev.heart.bench.p1;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One etcd process on 127.0.0.1 for P1: free ports, its own temporary data directory, CPU time read from /proc. */
final class LocalEtcd implements AutoCloseable {
    /** The flags both sides run against, besides addresses and data. */
    static final List<String> FLAGS = List.of("--quota-backend-bytes", "4294967296");

    private final Path dir;
    private final Process process;
    final int clientPort;

    private LocalEtcd(Path dir, Process process, int clientPort) {
        this.dir = dir;
        this.process = process;
        this.clientPort = clientPort;
    }

    /** Starts a fresh etcd and waits (at most 30 s) until its client port accepts connections. */
    static LocalEtcd start() throws IOException, InterruptedException {
        // in memory when the machine has /dev/shm: P1 compares CPU per keepalive, not disks
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm)
                ? Files.createTempDirectory(shm, "heart-p1-etcd")
                : Files.createTempDirectory("heart-p1-etcd");
        int client = freePort();
        int peer = freePort();
        List<String> command = new java.util.ArrayList<>(List.of(
                binary(),
                "--name",
                "p1",
                "--data-dir",
                dir.resolve("data").toString(),
                "--listen-client-urls",
                "http://127.0.0.1:" + client,
                "--advertise-client-urls",
                "http://127.0.0.1:" + client,
                "--listen-peer-urls",
                "http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls",
                "http://127.0.0.1:" + peer,
                "--initial-cluster",
                "p1=http://127.0.0.1:" + peer));
        command.addAll(FLAGS);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile())
                .start();
        LocalEtcd etcd = new LocalEtcd(dir, process, client);
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IOException("etcd exited; see " + dir.resolve("etcd.log"));
            }
            if (Files.readString(dir.resolve("etcd.log")).contains("ready to serve client requests")) {
                return etcd;
            }
            Thread.sleep(100);
        }
        etcd.close();
        throw new IOException("etcd not ready within 60 s; see " + dir.resolve("etcd.log"));
    }

    /** The etcd process's CPU time (user + system) so far, in nanoseconds. */
    long cpuNanos() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        return ticks * 10_000_000L; // USER_HZ 100
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
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

    static String binary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Path.of(dir, "etcd").toString();
            }
        }
        Path fetched = Path.of("heart-transport-etcd", "target", "etcd", "usr", "bin", "etcd");
        if (Files.isExecutable(fetched)) {
            return fetched.toAbsolutePath().toString();
        }
        throw new IllegalStateException("P1 needs etcd: install Debian's etcd-server, or run .ci/get-etcd "
                + "heart-transport-etcd/target/etcd");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
