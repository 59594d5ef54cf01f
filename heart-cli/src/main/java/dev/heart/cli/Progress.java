package dev.heart.cli;

import dev.heart.cli.load.LoadSnapshot;
import dev.heart.engine.Percentiles;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The text of the live progress line and of the final report of {@code demo} and {@code load}. */
final class Progress {
    private Progress() {}

    /** One progress line: the figures now, beats per second since {@code previous}. */
    static String line(LoadSnapshot previous, LoadSnapshot now, String extra) {
        return String.format(
                Locale.ROOT,
                "%5s  established %d/%d  beats/s %.0f  round trip p50 %s p99 %s  retries %d" + "  rejections %d%s",
                DurationConverter.format(now.elapsed()),
                now.established(),
                now.hearts(),
                now.beatsPerSecondSince(previous),
                millis(now.roundTrip().p50()),
                millis(now.roundTrip().p99()),
                now.retried(),
                now.rejections(),
                extra.isEmpty() ? "" : "  " + extra);
    }

    /** The final report, one figure per line. */
    static List<String> report(LoadSnapshot last) {
        List<String> lines = new ArrayList<>();
        Percentiles rt = last.roundTrip();
        lines.add(String.format(
                Locale.ROOT,
                "  hearts       %d started, %d established at the end, %d ended",
                last.hearts(),
                last.established(),
                last.ended()));
        lines.add(String.format(
                Locale.ROOT,
                "  beats        %d in %s (%.0f/s), %d rejected",
                last.beats(),
                DurationConverter.format(last.elapsed()),
                last.beatsPerSecond(),
                last.rejections()));
        lines.add(String.format(
                Locale.ROOT,
                "  round trip   p50 %s, p99 %s, max %s (%d samples)",
                millis(rt.p50()),
                millis(rt.p99()),
                millis(rt.max()),
                rt.count()));
        lines.add(String.format(
                Locale.ROOT,
                "  retries      %d retransmissions answered; %d attempts failed, %d beats" + " failed",
                last.retried(),
                last.failedAttempts(),
                last.failedBeats()));
        lines.add("  failures     " + (last.failuresByCause().isEmpty() ? "none" : last.failuresByCause()));
        return lines;
    }

    /** Milliseconds with two significant decimals below 10 ms. */
    static String millis(Duration duration) {
        double ms = duration.toNanos() / 1e6;
        return ms < 10 ? String.format(Locale.ROOT, "%.2fms", ms) : String.format(Locale.ROOT, "%.0fms", ms);
    }
}
