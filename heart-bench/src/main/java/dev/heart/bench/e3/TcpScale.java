package dev.heart.bench.e3;

import dev.heart.bench.Figure;
import dev.heart.bench.e2.RegistrySizing;
import dev.heart.bench.proc.ProcCpu;
import dev.heart.bench.proc.SideProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * E3, the load tester's job: one {@link ServerSide} JVM (a {@code TcpRegistryServer} with a
 * registry sized for the run) and one {@link HeartSide} JVM (one heart, N registrants by
 * {@code heart.register(...)}) on this machine, over {@code tcp://127.0.0.1}, each registrant beating
 * every 10 s. The harness waits until the server's registry holds all N (at most 120 s + N / 1,000
 * s), lets a warm-up pass, then measures a window: both JVMs' CPU time (from {@code /proc}), the
 * server's registry count every second and the registrants that lapsed in the window (held: the
 * fewest counted, less the lapsed), the heart's accepted beats and their round trips, then each
 * JVM's heap after full collections. Prints, last, {@code E3 n=... held=... connections=...
 * beats_per_s=... client_heap_mb=... server_heap_mb=... client_cpu_pct=... server_cpu_pct=...
 * p99_round_trip_ms=...} (CPU in percent of one core: this machine's cores times 100 at most), then
 * {@code E3 FAILED: <why>} and status 1 when not all were held or a side ended.
 *
 * <p>Quick: 50,000 registrants, a 10 s warm-up, a 30 s window. Full: 1,000,000, 10 s, 300 s. See
 * {@link E3Options} for the options.
 */
public final class TcpScale implements Figure {
    static final String SERVICE = "e3";
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(120);

    /** The server's latest count line, and the fewest registered counted while the window is open. */
    private final Object lock = new Object();

    private long registered = -1;
    private long lapsed;
    private int connectionsOpen;
    private long fewest = Long.MAX_VALUE;
    private boolean counting;

    /** For {@link dev.heart.bench.Bench}. */
    public TcpScale() {}

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        E3Options options = E3Options.parse(quick, args);
        int n = options.n();
        URI target;
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        target = URI.create("tcp://127.0.0.1:" + port);
        RegistrySizing sizing = RegistrySizing.forRun(n, SERVICE, target);
        System.out.printf(
                Locale.ROOT,
                "E3: %d registrants beating every %d s over %d connection(s) to %s, warm-up %d s, window %d s;"
                        + " registry %s, lease %d s; server JVM %s; heart JVM %s; JDK %s; %d cores%n",
                n,
                ServerSide.LEASE.toSeconds() / 3,
                options.connections(),
                target,
                options.warmup().toSeconds(),
                options.window().toSeconds(),
                sizing,
                ServerSide.LEASE.toSeconds(),
                options.serverJvm(),
                options.heartJvm(),
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        String classPath = System.getProperty("java.class.path");
        try (SideProcess server = SideProcess.start(
                "E3 server",
                command(
                        options.serverJvm(),
                        classPath,
                        ServerSide.class,
                        List.of(
                                Integer.toString(port),
                                Integer.toString(n),
                                Long.toString(sizing.bytesPerHeart()),
                                Integer.toString(sizing.capacity()),
                                Long.toString(sizing.maxBytes()),
                                Integer.toString(options.connections()),
                                SERVICE)),
                List.of("READY ", "HEAP "),
                this::serverLine)) {
            String ready = server.ask("ready", "READY ", ANSWER_BOUND);
            if (ready == null || !ready.equals("ok")) {
                return failed(ready == null ? "the server did not start: " + server.ended() : "server " + ready);
            }
            try (SideProcess heart = SideProcess.start(
                    "E3 heart",
                    command(
                            options.heartJvm(),
                            classPath,
                            HeartSide.class,
                            List.of(
                                    target.toString(),
                                    Integer.toString(n),
                                    Integer.toString(options.connections()),
                                    SERVICE,
                                    Integer.toString(options.ahead()))),
                    List.of("WINDOW", "TRIPS ", "HEAP "),
                    SideProcess::showNoteworthy)) {
                return measure(options, server, heart);
            }
        }
    }

    @Override
    public String id() {
        return "E3";
    }

    private int measure(E3Options options, SideProcess server, SideProcess heart) throws Exception {
        int n = options.n();
        long start = System.nanoTime();
        long bound = Duration.ofSeconds(120 + n / 1_000).toNanos();
        long reported = start;
        while (count() < n) {
            String ended = ended(server, heart);
            if (ended != null) {
                return failed(ended + " before all were registered; the server held " + count());
            }
            if (System.nanoTime() - start > bound) {
                return failed("only " + count() + " of " + n + " registered within " + bound / 1_000_000_000 + " s");
            }
            if (System.nanoTime() - reported > 10_000_000_000L) {
                System.out.println("  E3: the server holds " + count() + " of " + n);
                reported = System.nanoTime();
            }
            Thread.sleep(200);
        }
        System.out.printf(
                Locale.ROOT,
                "E3: all %d registered %.1f s after the heart's JVM was started%n",
                n,
                (System.nanoTime() - start) / 1e9);
        Thread.sleep(options.warmup().toMillis());
        if (heart.ask("window", "WINDOW", ANSWER_BOUND) == null) {
            return failed("the heart did not open the window: " + ended(server, heart));
        }
        long lapsed0;
        synchronized (lock) {
            lapsed0 = lapsed;
            fewest = Long.MAX_VALUE;
            counting = true;
        }
        long client0 = ProcCpu.nanos(heart.pid());
        long server0 = ProcCpu.nanos(server.pid());
        long t0 = System.nanoTime();
        long window = options.window().toNanos();
        for (long left = window; left > 0; left = window - (System.nanoTime() - t0)) {
            Thread.sleep(Math.min(1_000, Math.max(1, left / 1_000_000)));
            String ended = ended(server, heart);
            if (ended != null) {
                return failed(ended + " in the window");
            }
        }
        long clientCpu = ProcCpu.nanos(heart.pid()) - client0;
        long serverCpu = ProcCpu.nanos(server.pid()) - server0;
        long elapsed = System.nanoTime() - t0;
        String trips = heart.ask("end", "TRIPS ", ANSWER_BOUND);
        Thread.sleep(1_100); // one more count of the server, after the window's last beat
        long held;
        long lapsedInWindow;
        int connections;
        synchronized (lock) {
            counting = false;
            lapsedInWindow = lapsed - lapsed0;
            held = E3Result.held(n, Math.min(fewest, registered), lapsedInWindow);
            connections = connectionsOpen;
        }
        String clientHeap = heart.ask("heap", "HEAP ", ANSWER_BOUND);
        String serverHeap = server.ask("heap", "HEAP ", ANSWER_BOUND);
        if (trips == null || clientHeap == null || serverHeap == null) {
            return failed("a side did not answer at the window's end: " + ended(server, heart));
        }
        String[] t = trips.strip().split(" ");
        double seconds = elapsed / 1e9;
        System.out.printf(
                Locale.ROOT,
                "E3: window %.1f s: %s accepted beats, %s rejected, %s failed attempts; %d lapsed on the server;"
                        + " %d connections open; heart CPU %.1f s, server CPU %.1f s%n",
                seconds,
                t[0],
                t[2],
                t[3],
                lapsedInWindow,
                connections,
                clientCpu / 1e9,
                serverCpu / 1e9);
        E3Result result = new E3Result(
                n,
                held,
                connections,
                Long.parseLong(t[0]) / seconds,
                Long.parseLong(clientHeap.strip()),
                Long.parseLong(serverHeap.strip()),
                100.0 * clientCpu / elapsed,
                100.0 * serverCpu / elapsed,
                Double.parseDouble(t[1]));
        System.out.println(result.line());
        String failure = result.failure();
        if (failure != null) {
            System.out.println(failure);
            return 1;
        }
        return 0;
    }

    /** Reads the server's {@code COUNT <registered> <lapsed> <connections>} lines; shows the rest. */
    private void serverLine(String line) {
        if (!line.startsWith("COUNT ")) {
            SideProcess.showNoteworthy(line);
            return;
        }
        String[] fields = line.substring(6).strip().split(" ");
        synchronized (lock) {
            registered = Long.parseLong(fields[0]);
            lapsed = Long.parseLong(fields[1]);
            connectionsOpen = Integer.parseInt(fields[2]);
            if (counting) {
                fewest = Math.min(fewest, registered);
            }
        }
    }

    private long count() {
        synchronized (lock) {
            return registered;
        }
    }

    private static @Nullable String ended(SideProcess server, SideProcess heart) {
        return server.ended() != null ? server.ended() : heart.ended();
    }

    private static int failed(String why) {
        System.out.println("E3 FAILED: " + why);
        return 1;
    }

    /** {@code java <jvm> <logging> -cp <classPath> <main> <args>}. */
    static List<String> command(List<String> jvm, String classPath, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(SideProcess.java());
        command.addAll(jvm);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(args);
        return command;
    }
}
