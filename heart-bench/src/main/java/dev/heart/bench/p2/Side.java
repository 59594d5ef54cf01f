package dev.heart.bench.p2;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    private static final Pattern INSTANCE = Pattern.compile("\"instanceId\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Reads {@code port n renewalSeconds leaseSeconds windowSeconds}. */
    static Side parse(String[] args) {
        return new Side(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Duration.ofSeconds(Long.parseLong(args[2])),
                Duration.ofSeconds(Long.parseLong(args[3])), Duration.ofSeconds(Long.parseLong(args[4])));
    }

    /** The instances of {@code app} the server lists now ({@code GET /eureka/apps/{APP}}). */
    int held(String app) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/eureka/apps/" + app))
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 404) {
            return 0;
        }
        int count = 0;
        Matcher matcher = INSTANCE.matcher(answer.body());
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Waits until the server lists all {@code n} instances of {@code app}, printing progress. */
    void awaitHeld(String app, Duration bound) throws IOException, InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        int held = held(app);
        while (held < n) {
            if (System.nanoTime() - end > 0) {
                throw new IllegalStateException(app + ": only " + held + " of " + n + " listed within " + bound);
            }
            System.out.println("  " + app + ": " + held + " of " + n + " listed");
            Thread.sleep(1_000);
            held = held(app);
        }
        System.out.println("  " + app + ": all " + n + " listed");
    }

    /**
     * Lets one lease pass (every instance renewed a few times, the JIT warm), then measures the
     * process over {@link #window}, and prints
     * {@code RESULT held=... threads=... heap_bytes=... cpu_ms=... window_ms=...}.
     */
    void measure(String app) throws IOException, InterruptedException {
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
        System.out.println("RESULT held=" + held + " threads=" + threads + " heap_bytes=" + heap
                + " cpu_ms=" + cpu / 1_000_000 + " window_ms=" + elapsed / 1_000_000);
    }
}
