package dev.heart.bench.p2;

import dev.heart.bench.Figure;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * P2: one local Eureka server; then N instances kept from one heart ({@link HeartSide}); then the
 * same N kept by N {@code DiscoveryClient}s ({@link EurekaClientSide}); each side in a JVM of its
 * own with the same flags and the same lease (renewal interval, duration), measured over the same
 * window after every instance is held (or a bound passed) and one lease has passed. Prints
 * {@code P2 n=... heart_held=... eureka_held=... heart_threads=... eureka_threads=...
 * heart_heap_mb=... eureka_heap_mb=... cpu_ratio=...} last; {@code cpu_ratio} is heart's
 * process CPU over the window divided by the Eureka client's.
 *
 * <p>Quick: 1,000 instances, renewals every 5 s, lease 15 s, a 20 s window. Full: 10,000 with
 * Eureka's defaults, renewals every 30 s, lease 90 s, a 60 s window. Options: {@code --n=},
 * {@code --window=} (seconds). The child JVMs run on {@code heart-bench/target/classes} and
 * {@code target/p2.classpath}, which the build writes.
 *
 * <p>Every wait is bounded: a side that runs past its bound or ends without a result is stopped,
 * said so in a {@code P2: ...} line, and reported with what the server held then; the Eureka side
 * stops starting clients near the machine's thread limit ({@link Threads}) and says why. Both
 * are repeated before the {@code P2} line, and the figure then returns 1 when a side has no
 * measurement.
 */
public final class EurekaSideBySide implements Figure {
    private static final String SIDE_JVM_HEAP = "-Xmx3g";
    /** Why a side kept fewer instances than asked ({@code STOPPED} lines of the sides), repeated before the P2 line. */
    private static final List<String> NOTES = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** For {@link dev.heart.bench.Bench}. */
    public EurekaSideBySide() {}

    @Override
    public String id() {
        return "P2";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        int n = quick ? 1_000 : 10_000;
        long renewal = quick ? 5 : 30;
        long window = quick ? 20 : 60;
        for (String arg : args) {
            if (arg.startsWith("--n=")) {
                n = Integer.parseInt(arg.substring(4));
            } else if (arg.startsWith("--window=")) {
                window = Long.parseLong(arg.substring(9));
            } else {
                throw new IllegalArgumentException("unknown option '" + arg + "'; options: --n=N --window=SECONDS");
            }
        }
        if (n < 1 || window < 1) {
            throw new IllegalArgumentException("--n and --window must be at least 1");
        }
        String classPath = classPath();
        int port = freePort();
        System.out.println("P2: Eureka server on 127.0.0.1:" + port + "; " + n + " instances per side, renewals every "
                + renewal + " s, lease " + renewal * 3 + " s, window " + window + " s");
        Process server = start(
                classPath,
                List.of(
                        "-Xmx1g",
                        P2Server.class.getName(),
                        "--server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--eureka.instance.hostname=localhost",
                        "--eureka.client.register-with-eureka=false",
                        "--eureka.client.fetch-registry=false",
                        "--eureka.client.service-url.defaultZone=http://localhost:" + port + "/eureka/",
                        "--eureka.server.enable-self-preservation=false",
                        "--eureka.server.use-read-only-response-cache=false",
                        "--eureka.server.wait-time-in-ms-when-sync-empty=0",
                        "--eureka.server.registry-sync-retries=0"));
        try {
            awaitServing(port, server);
            List<String> sideArgs = List.of(
                    Integer.toString(port),
                    Integer.toString(n),
                    Long.toString(renewal),
                    Long.toString(renewal * 3),
                    Long.toString(window));
            Side counted = Side.parse(sideArgs.toArray(new String[0]));
            Map<String, Long> heart = side(classPath, HeartSide.class.getName(), sideArgs, counted, HeartSide.APP);
            Map<String, Long> eureka =
                    side(classPath, EurekaClientSide.class.getName(), sideArgs, counted, EurekaClientSide.APP);
            NOTES.forEach(System.out::println);
            System.out.println("heart:  " + heart);
            System.out.println("eureka: " + eureka);
            System.out.println(String.format(
                    Locale.ROOT,
                    "P2 n=%d heart_held=%d eureka_held=%d heart_threads=%d eureka_threads=%d heart_heap_mb=%.1f"
                            + " eureka_heap_mb=%.1f cpu_ratio=%.3f",
                    n,
                    heart.get("held"),
                    eureka.get("held"),
                    heart.get("threads"),
                    eureka.get("threads"),
                    megabytes(heart),
                    megabytes(eureka),
                    cpuPerSecond(heart) / cpuPerSecond(eureka)));
            return heart.containsKey("cpu_ms") && eureka.containsKey("cpu_ms") ? 0 : 1;
        } finally {
            server.destroyForcibly();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs one side to its end, at most {@link #sideBound(Side)}, and returns its RESULT fields.
     * A side that ends without a RESULT line (it failed, or ran past the bound and was stopped)
     * is said so in a line, and answers {@code held} as the server counted it then,
     * {@code threads} -1 and no CPU.
     */
    private static Map<String, Long> side(String classPath, String main, List<String> args, Side counted, String app)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(SIDE_JVM_HEAP, "-Xss512k", main));
        command.addAll(args);
        String name = main.substring(main.lastIndexOf('.') + 1);
        System.out.println("== " + name);
        Process process = start(classPath, command);
        Map<String, Long> result = new ConcurrentHashMap<>();
        Thread reader = new Thread(() -> read(process, result), "p2-side-output");
        reader.setDaemon(true);
        reader.start();
        Duration bound = sideBound(counted);
        String failure = null;
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            failure = "still running after " + bound + "; stopped";
        }
        if (failure != null || !result.containsKey("cpu_ms")) {
            long held = -1;
            try {
                held = counted.held(app);
            } catch (IOException e) {
                System.out.println("  cannot count " + app + " at the server: " + e);
            }
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(5_000);
            if (!result.containsKey("cpu_ms")) {
                failure = failure != null ? failure : "exited with status " + process.exitValue();
                String note = "P2: " + name + " ended without a result (" + failure + "); the server held " + held
                        + " of its instances then";
                System.out.println(note);
                NOTES.add(note);
                result.put("held", held);
                result.putIfAbsent("threads", -1L);
                result.putIfAbsent("heap_bytes", -1L);
            }
        }
        reader.join(5_000);
        return new HashMap<>(result);
    }

    /** Copies a side's output lines worth showing, and collects its RESULT fields into {@code result}. */
    private static void read(Process process, Map<String, Long> result) {
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("RESULT ")) {
                    for (String field : line.substring(7).split(" ")) {
                        String[] pair = field.split("=");
                        result.put(pair[0], Long.parseLong(pair[1]));
                    }
                } else if (line.startsWith("STOPPED ")) {
                    System.out.println(line);
                    NOTES.add("P2: " + line.substring(8));
                } else if (line.startsWith("  ")
                        || line.contains("Exception")
                        || line.contains("Error")
                        || line.contains("ERROR")) {
                    System.out.println(line);
                }
            }
        } catch (IOException e) {
            // the side ended
        }
    }

    /**
     * How long a side may run: clients started at 20 a second at worst, then its wait for all to
     * be held, one lease, the window, and two minutes for the JVM and the counting.
     */
    private static Duration sideBound(Side side) {
        return Duration.ofSeconds(side.n() / 20 + 120)
                .plus(side.settle())
                .plus(side.lease())
                .plus(side.window());
    }

    private static double megabytes(Map<String, Long> side) {
        long bytes = side.getOrDefault("heap_bytes", -1L);
        return bytes < 0 ? Double.NaN : bytes / 1048576.0;
    }

    /** CPU per second of window, NaN when not measured. */
    private static double cpuPerSecond(Map<String, Long> side) {
        Long cpu = side.get("cpu_ms");
        Long window = side.get("window_ms");
        return cpu == null || window == null || window == 0 || cpu == 0 ? Double.NaN : (double) cpu / window;
    }

    private static Process start(String classPath, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.springframework.boot.logging.LoggingSystem=none",
                "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp",
                classPath));
        command.addAll(args);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static void awaitServing(int port, Process server) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() - end < 0) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the Eureka server exited: "
                        + new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<Void> answer = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/eureka/apps"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    drain(server);
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the Eureka server did not serve within 180 s");
    }

    /** Keeps reading the server's output so that it never blocks on a full pipe. */
    private static void drain(Process process) {
        Thread drainer = new Thread(
                () -> {
                    try {
                        process.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException e) {
                        // the server ended
                    }
                },
                "p2-server-output");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** {@code heart-bench/target/classes} and the dependencies the build listed in {@code target/p2.classpath}. */
    private static String classPath() throws Exception {
        Path classes = Path.of(EurekaSideBySide.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path target = Objects.requireNonNull(classes.getParent(), "target/classes has a parent");
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
