package dev.heart.engine;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * Keeps one kind of log line readable when thousands of hearts change together (a registry
 * restart): the first {@value #PER_WINDOW} lines of a one-second window are logged as they come;
 * the rest are counted, and one summary line says how many were left out, logged at the same
 * level when the window closes ("... and 9,990 more: registered again, in the last 1 s").
 * Windows are on the heart's clock. One per kind of line per heart; thread-safe.
 */
final class LogLimiter {
    static final int PER_WINDOW = 10;
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Logger log;
    private final Level level;
    private final String what;
    private final TimeSource time;
    private long windowStart;
    private boolean started;
    private int logged;
    private int suppressed;
    private boolean flushScheduled;

    /**
     * @param what  what the lines say happened, for the summary ("registered again")
     */
    LogLimiter(Logger log, Level level, String what, TimeSource time) {
        this.log = log;
        this.level = level;
        this.what = what;
        this.time = time;
    }

    /** Whether lines at this level are logged at all: check before building arguments. */
    boolean enabled() {
        return log.isEnabledForLevel(level);
    }

    /** Logs one line, or counts it when this window already had its share. */
    void log(String format, @Nullable Object... arguments) {
        if (!enabled()) {
            return;
        }
        boolean schedule = false;
        synchronized (this) {
            long now = time.nanoTime();
            if (!started || now - windowStart >= WINDOW_NANOS) {
                summarize();
                started = true;
                windowStart = now;
            }
            if (logged < PER_WINDOW) {
                logged++;
            } else {
                suppressed++;
                if (!flushScheduled) {
                    flushScheduled = true;
                    schedule = true;
                }
                format = null;
            }
        }
        if (format != null) {
            log.atLevel(level).log(format, arguments);
        } else if (schedule) {
            try {
                time.schedule(Duration.ofNanos(WINDOW_NANOS), this::flush);
            } catch (IllegalStateException closed) {
                flush(); // the time source is closed: say it now
            }
        }
    }

    private void flush() {
        synchronized (this) {
            flushScheduled = false;
            summarize();
            started = false;
        }
    }

    /** Holds the lock. */
    private void summarize() {
        if (suppressed > 0) {
            log.atLevel(level)
                    .log(
                            "... and {} more: {}, in the last {} s (only {} lines a second are logged)",
                            suppressed,
                            what,
                            1,
                            PER_WINDOW);
        }
        logged = 0;
        suppressed = 0;
    }
}
