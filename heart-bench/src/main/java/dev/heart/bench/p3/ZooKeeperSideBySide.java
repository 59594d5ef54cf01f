package dev.heart.bench.p3;

import dev.heart.bench.Figure;
import dev.heart.bench.proc.ProcCpu;
import dev.heart.bench.proc.SideProcess;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * P3: N registrants kept as ephemeral znodes against one local ZooKeeper 3.9.5 server, heart
 * ({@link HeartSide}: one {@code Heart}, {@code heart.register(...)} with the zookeeper transport)
 * then Apache Curator's {@code ServiceDiscovery} ({@link CuratorSide}: one {@code CuratorFramework},
 * N {@code ServiceInstance}s) against a fresh server with the same settings, both asking for the
 * same session timeout (15 s). Each server and each side runs in a child JVM of its own. For each
 * side the harness waits until the server holds all N znodes (at most 120 s + N / 50 s, then it
 * measures what is held), lets a warm-up pass, then measures a window: the side JVM's process CPU
 * time and the server JVM's (both from {@code /proc}), the znodes under the side's
 * {@code /services/<service>} counted once a second and at the window's end from the harness's own
 * session, and the side's live threads at the end (and, for context, the packets the server received per second,
 * from its {@code srvr}). Prints, last,
 * {@code P3 n=... heart_held=... curator_held=... heart_threads=... curator_threads=...
 * client_cpu_ratio=... zk_cpu_ratio=...}: held is the fewest znodes counted in the window (all N
 * only when every registrant was there at every count), the ratios heart/Curator of CPU per second
 * of window.
 *
 * <p>Quick: 10,000 registrants, a 15 s warm-up, a 20 s window. Full: 50,000, 30 s, 60 s. Options
 * {@code --n=}, {@code --warmup=}, {@code --window=} (seconds), and {@code --jfr=FILE}: a flight
 * recording (profile settings) of the heart side's JVM, written to FILE when it exits, and
 * {@code --heart-jvm=OPTION} (repeatable): an option added to the heart side's JVM. The child JVMs run on
 * {@code heart-bench/target/classes} and {@code target/p2.classpath}, which the build writes.
 * Returns 1 when a side has no measurement (it exited, or its server did), having said why.
 */
public final class ZooKeeperSideBySide implements Figure {
    /** A side JVM's options, the same for both sides. */
    static final List<String> SIDE_JVM = List.of("-Xmx1g");
    /** The session timeout both sides ask for: the heart transport's default. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(15);
    /** The children's logging: warnings, through slf4j-simple (the class path also holds logback). */
    static final List<String> LOGGING = List.of(
            "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Dzookeeper.jmx.log4j.disable=true");

    /** For {@link dev.heart.bench.Bench}. */
    public ZooKeeperSideBySide() {}

    @Override
    public String id() {
        return "P3";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        int n = quick ? 10_000 : 50_000;
        long warmup = quick ? 15 : 30;
        long window = quick ? 20 : 60;
        List<String> heartJvm = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--n=")) {
                n = Integer.parseInt(arg.substring(4));
            } else if (arg.startsWith("--warmup=")) {
                warmup = Long.parseLong(arg.substring(9));
            } else if (arg.startsWith("--window=")) {
                window = Long.parseLong(arg.substring(9));
            } else if (arg.startsWith("--jfr=") && arg.length() > 6) {
                heartJvm.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + Path.of(arg.substring(6)).toAbsolutePath());
            } else if (arg.startsWith("--heart-jvm=") && arg.length() > 12) {
                heartJvm.add(arg.substring(12));
            } else {
                throw new IllegalArgumentException("unknown option '" + arg
                        + "'; options: --n=N --warmup=SECONDS --window=SECONDS --jfr=FILE --heart-jvm=OPTION");
            }
        }
        if (n < 1 || warmup < 0 || window < 1) {
            throw new IllegalArgumentException("--n and --window must be at least 1, --warmup at least 0");
        }
        Result result = measure(n, Duration.ofSeconds(warmup), Duration.ofSeconds(window), heartJvm);
        System.out.println(result.line());
        return result.measured() ? 0 : 1;
    }

    /**
     * The outcome of a run.
     *
     * @param line     the {@code P3 ...} summary line
     * @param measured whether both sides were measured (neither side nor server ended early)
     */
    public record Result(String line, boolean measured) {}

    /**
     * Runs both sides and returns the {@code P3 ...} line (printing the details before).
     *
     * @param n      registrants per side
     * @param warmup the warm-up after all are held
     * @param window the measured window
     * @return the outcome; never null
     */
    public static Result measure(int n, Duration warmup, Duration window) throws Exception {
        return measure(n, warmup, window, List.of());
    }

    /**
     * Runs both sides as {@link #measure(int, Duration, Duration)}, the heart side's JVM with
     * {@code heartJvm} added to its options (a flight recording, say).
     *
     * @param n        registrants per side
     * @param warmup   the warm-up after all are held
     * @param window   the measured window
     * @param heartJvm options added to the heart side's JVM
     * @return the outcome; never null
     */
    public static Result measure(int n, Duration warmup, Duration window, List<String> heartJvm) throws Exception {
        String classPath = classPath();
        System.out.printf(
                Locale.ROOT,
                "P3: %d registrants per side, session timeout %d s, warm-up %d s, window %d s; ZooKeeper %s %s"
                        + " (tickTime %d ms), each side in a JVM with %s; JDK %s; %d cores%n",
                n,
                SESSION_TIMEOUT.toSeconds(),
                warmup.toSeconds(),
                window.toSeconds(),
                org.apache.zookeeper.Version.getFullVersion().split("[ ,-]")[0],
                P3Server.JVM,
                P3Server.TICK_MS,
                SIDE_JVM,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        Measured heart = side("heart", HeartSide.class, HeartSide.SERVICE, n, warmup, window, classPath, heartJvm);
        Measured curator =
                side("curator", CuratorSide.class, CuratorSide.SERVICE, n, warmup, window, classPath, List.of());
        for (Measured side : List.of(heart, curator)) {
            if (side.failure() != null) {
                System.out.println("P3: " + side.failure());
            }
        }
        String line = String.format(
                Locale.ROOT,
                "P3 n=%d heart_held=%d curator_held=%d heart_threads=%d curator_threads=%d"
                        + " client_cpu_ratio=%.2f zk_cpu_ratio=%.2f",
                n,
                heart.held(),
                curator.held(),
                heart.threads(),
                curator.threads(),
                heart.clientPerSecond() / curator.clientPerSecond(),
                heart.serverPerSecond() / curator.serverPerSecond());
        return new Result(line, heart.failure() == null && curator.failure() == null);
    }

    private static Measured side(
            String name,
            Class<?> main,
            String service,
            int n,
            Duration warmup,
            Duration window,
            String classPath,
            List<String> jvm)
            throws Exception {
        System.out.println("== " + name);
        try (P3Server server = P3Server.start(classPath, freePort());
                Znodes znodes = Znodes.connect(server)) {
            SideArgs args = new SideArgs(server.connectString(), n, SESSION_TIMEOUT, service);
            try (SideProcess side = startSide(name, classPath, main.getName(), args, jvm)) {
                return measure(name, server, znodes, side, args, warmup, window);
            }
        }
    }

    private static Measured measure(
            String name,
            P3Server server,
            Znodes znodes,
            SideProcess side,
            SideArgs args,
            Duration warmup,
            Duration window)
            throws Exception {
        Duration bound = Duration.ofSeconds(120 + args.n() / 50);
        long start = System.nanoTime();
        long held = znodes.count(args.service(), COUNT_BOUND);
        long reported = start;
        while (held < args.n() && System.nanoTime() - start < bound.toNanos()) {
            if (side.ended() != null) {
                return Measured.failed(held, side.ended() + " before all were held; the server held " + held);
            }
            if (System.nanoTime() - reported > PROGRESS.toNanos()) {
                System.out.println("  " + name + ": " + held + " of " + args.n() + " held");
                reported = System.nanoTime();
            }
            Thread.sleep(200);
            held = znodes.count(args.service(), COUNT_BOUND);
        }
        System.out.printf(
                Locale.ROOT,
                "P3 %s: %s %d of %d held %.1f s after the side's JVM was started%n",
                name,
                held >= args.n() ? "all," : "only",
                held,
                args.n(),
                (System.nanoTime() - start) / 1e9);
        Thread.sleep(warmup.toMillis());
        if (side.ended() != null || !server.isAlive()) {
            long now = server.isAlive() ? znodes.count(args.service(), COUNT_BOUND) : -1;
            return Measured.failed(
                    now,
                    (side.ended() != null ? side.ended() : "the " + name + " side's server exited")
                            + " in the warm-up; the server held " + now);
        }
        long client0 = ProcCpu.nanos(side.pid());
        long server0 = server.cpuNanos();
        long received0 = server.received();
        long t0 = System.nanoTime();
        long fewest = Long.MAX_VALUE;
        long last;
        do {
            Thread.sleep(Math.min(1_000, Math.max(1, (window.toNanos() - (System.nanoTime() - t0)) / 1_000_000)));
            last = znodes.count(args.service(), COUNT_BOUND);
            fewest = Math.min(fewest, last);
        } while (System.nanoTime() - t0 < window.toNanos());
        long client = ProcCpu.nanos(side.pid()) - client0;
        long serverCpu = server.cpuNanos() - server0;
        long elapsed = System.nanoTime() - t0;
        long received = server.received() - received0;
        if (side.ended() != null || !server.isAlive()) {
            return Measured.failed(
                    last,
                    (side.ended() != null ? side.ended() : "the " + name + " side's server exited")
                            + " in the window; the server held " + last);
        }
        long threads = threads(side);
        Measured measured = new Measured(
                fewest,
                last,
                threads,
                client,
                serverCpu,
                elapsed,
                threads < 0 ? "the " + name + " side did not say its threads" : null);
        System.out.printf(
                Locale.ROOT,
                "P3 %s: held=%d (fewest counted in the window) at_end=%d threads=%d client_cpu=%.2fs (%.1f ms/s)"
                        + " zk_cpu=%.2fs (%.1f ms/s) zk_packets_received_per_s=%.0f window=%.1fs%n",
                name,
                fewest,
                last,
                measured.threads(),
                client / 1e9,
                measured.clientPerSecond() / 1e6,
                serverCpu / 1e9,
                measured.serverPerSecond() / 1e6,
                received / (elapsed / 1e9),
                elapsed / 1e9);
        return measured;
    }

    /** How long one count of the znodes may take. */
    private static final Duration COUNT_BOUND = Duration.ofSeconds(30);
    /** How often the wait for all to be held says how far it is. */
    private static final Duration PROGRESS = Duration.ofSeconds(5);

    /** Starts a side's JVM: {@code main} with {@code args}, {@link #SIDE_JVM} and {@code jvm} its options. */
    private static SideProcess startSide(String name, String classPath, String main, SideArgs args, List<String> jvm)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(SideProcess.java());
        command.addAll(SIDE_JVM);
        command.addAll(jvm);
        command.addAll(LOGGING);
        command.addAll(List.of("-cp", classPath, main));
        command.addAll(List.of(args.toArgs()));
        return SideProcess.start("P3 " + name, command, List.of("THREADS "), SideProcess::showNoteworthy);
    }

    /** The side's live threads (its {@code ThreadMXBean}), or -1 when it did not answer within 30 s. */
    private static long threads(SideProcess side) throws InterruptedException {
        String answer = side.ask("threads", "THREADS ", Duration.ofSeconds(30));
        return answer == null ? -1 : Long.parseLong(answer.strip());
    }

    /** {@code heart-bench/target/classes} and the dependencies the build listed in {@code target/p2.classpath}. */
    private static String classPath() throws Exception {
        Path target = Objects.requireNonNull(
                Path.of(ZooKeeperSideBySide.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI())
                        .getParent(),
                "the bench's classes have a parent directory");
        Path listed = target.resolve("p2.classpath");
        if (!Files.isRegularFile(listed)) {
            throw new IllegalStateException(listed + " is missing: build heart-bench with "
                    + "./mvnw -B -ntp -pl heart-bench -am package -DskipTests");
        }
        return target.resolve("classes")
                + File.pathSeparator
                + Files.readString(listed).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
