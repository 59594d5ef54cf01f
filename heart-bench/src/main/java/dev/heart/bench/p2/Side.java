package dev.heart.bench.p2;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What both sides of P2 share: their arguments, how they count the instances the server holds,
 * and how they measure themselves (threads, heap after GC, process CPU over a window), printed
 * as one {@code RESULT ...} line.
 *
 * @param port       the Eureka server's port on 127.0.0.1
 * @param n          instances to keep
 * @param renewal    the renewal interval, whole seconds
 * @param lease      the lease duration, whole seconds
 * @param window     the measured window
 */
record Side(int port, int n, Duration renewal, Duration lease, Duration window) {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Reads {@code port n renewalSeconds leaseSeconds windowSeconds}. */
    static Side parse(String[] args) {
        return new Side(
                Integer.parseInt(args[0]),
                Integer.parseInt(args[1]),
                Duration.ofSeconds(Long.parseLong(args[2])),
                Duration.ofSeconds(Long.parseLong(args[3])),
                Duration.ofSeconds(Long.parseLong(args[4])));
    }

    /**
     * The instances of {@code app} whose lease the server's registry holds unexpired now
     * ({@code GET /p2/held/{APP}} of {@link P2Server}, read from the registry, not from the REST
     * API's response cache).
     */
    int held(String app) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/p2/held/" + app))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("GET /p2/held/" + app + " answered HTTP " + answer.statusCode());
        }
        return Integer.parseInt(answer.body().strip());
    }

    /** How long a side waits for all its instances to be held before it measures what is: 120 s + n / 50 s. */
    Duration settle() {
        return Duration.ofSeconds(120 + n / 50);
    }

    /**
     * Waits until the server holds {@code count} instances of {@code app}, at most {@code bound},
     * printing progress; when the bound passes first, says so and returns what it holds then.
     *
     * @return the instances held at the end of the wait
     */
    int awaitHeld(String app, int count, Duration bound) throws IOException, InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        int held = held(app);
        while (held < count) {
            if (System.nanoTime() - end > 0) {
                System.out.println("  " + app + ": only " + held + " of " + count + " held within " + bound
                        + "; measuring what is held");
                return held;
            }
            System.out.println("  " + app + ": " + held + " of " + count + " held");
            Thread.sleep(1_000);
            held = held(app);
        }
        System.out.println("  " + app + ": all " + count + " held");
        return held;
    }

    /**
     * Lets one lease pass (every instance renewed a few times, the JIT warm), then measures the
     * process over {@link #window}, and prints
     * {@code RESULT started=... held=... threads=... heap_bytes=... cpu_ms=... window_ms=...}.
     *
     * @param started the instances this side started keeping
     */
    void measure(String app, int started) throws IOException, InterruptedException {
        Thread.sleep(lease.toMillis());
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis());
        long cpu = os.getProcessCpuTime() - cpu0;
        long elapsed = System.nanoTime() - t0;
        int held = held(app);
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.println("RESULT started=" + started + " held=" + held + " threads=" + threads + " heap_bytes=" + heap
                + " cpu_ms=" + cpu / 1_000_000 + " window_ms=" + elapsed / 1_000_000);
    }
}
