package dev.heart.bench.p2;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The machine's thread budget for P2's Eureka-client side, which starts five threads per
 * {@code DiscoveryClient}: on Linux every thread takes a PID, so the machine's limit is the
 * smallest of {@code kernel.pid_max}, {@code kernel.threads-max} and the user's process limit
 * ({@code ulimit -u}). The side stops starting clients when the machine's threads (all users',
 * {@code /proc/loadavg}) plus one more client would come within {@link #RESERVE_SHARE} of that
 * limit, so that the machine's other processes can still start threads. Where {@code /proc} is
 * not readable there is no budget (only the JVM's own failure to start a thread stops the side).
 *
 * @param limit    the machine's thread limit, or {@code Long.MAX_VALUE} when unknown
 * @param reserve  threads left to the rest of the machine
 * @param baseline this JVM's threads when it started counting
 */
record Threads(long limit, long reserve, int baseline) {
    /** The share of the limit left to the rest of the machine. */
    static final double RESERVE_SHARE = 0.25;
    /** Threads per DiscoveryClient assumed before any was started (measured: 5). */
    private static final int PER_CLIENT_GUESS = 5;

    /** Reads this machine's limits. */
    static Threads ofMachine() {
        long limit = Math.min(read("/proc/sys/kernel/pid_max"), read("/proc/sys/kernel/threads-max"));
        limit = Math.min(limit, userProcesses());
        long reserve = limit == Long.MAX_VALUE ? 0 : (long) (limit * RESERVE_SHARE);
        return new Threads(limit, reserve, ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /**
     * Why client {@code started + 1} must not start, or null when it may.
     *
     * @param started clients started so far
     */
    @Nullable
    String refusal(int started) {
        if (limit == Long.MAX_VALUE) {
            return null;
        }
        long machine = machineThreads();
        long perClient = Math.max(
                PER_CLIENT_GUESS,
                started == 0
                        ? 0
                        : Math.round(
                                (double) (ManagementFactory.getThreadMXBean().getThreadCount() - baseline) / started));
        if (machine < 0 || machine + perClient <= limit - reserve) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "the machine runs %d threads; one more client (%d threads) would pass its "
                        + "limit of %d (the least of kernel.pid_max, kernel.threads-max, ulimit -u) less a reserve of %d left "
                        + "to its other processes",
                machine,
                perClient,
                limit,
                reserve);
    }

    /** The machine's threads now and the limit, for progress lines. */
    String describe() {
        return "machine threads " + machineThreads() + " of " + (limit == Long.MAX_VALUE ? "?" : Long.toString(limit));
    }

    /** All threads on the machine now (the denominator of {@code /proc/loadavg}'s fourth field), or -1. */
    static long machineThreads() {
        try {
            String[] fields = firstLine("/proc/loadavg").split("\\s+");
            return Long.parseLong(fields[3].substring(fields[3].indexOf('/') + 1));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static long read(String file) {
        try {
            return Long.parseLong(firstLine(file));
        } catch (IOException | RuntimeException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The first line of a {@code /proc} file, stripped. Read by lines: {@code Files.readString}
     * returned only the first digits of {@code /proc/sys/kernel/pid_max} on JDK 17 ("3" for 32768).
     */
    private static String firstLine(String file) throws IOException {
        return Files.readAllLines(Path.of(file)).get(0).strip();
    }

    /** The soft "Max processes" of {@code /proc/self/limits} ({@code ulimit -u}). */
    private static long userProcesses() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max processes")) {
                    String soft =
                            line.substring("Max processes".length()).trim().split("\\s+")[0];
                    return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // unknown
        }
        return Long.MAX_VALUE;
    }
}
