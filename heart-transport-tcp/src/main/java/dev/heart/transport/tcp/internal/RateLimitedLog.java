package dev.heart.transport.tcp.internal;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * At most one INFO (or WARN) line per interval, for events a peer can cause at will (closing mid-frame):
 * the first event of an interval is logged with the number of events suppressed since the last
 * line. Not thread-safe: used by the server's I/O thread only.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long nextNanos;
    private boolean started;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalNanos) {
        this(log, intervalNanos, System::nanoTime);
    }

    /** @param nanoTime the monotonic clock, {@link System#nanoTime()} but in tests */
    RateLimitedLog(Logger log, long intervalNanos, LongSupplier nanoTime) {
        this.log = log;
        this.intervalNanos = intervalNanos;
        this.nanoTime = nanoTime;
    }

    /** Logs {@code message} (with one {@code {}} argument) at INFO unless a line was logged within the interval. */
    void info(String message, Object argument) {
        log(false, message, argument);
    }

    /** Logs {@code message} (with one {@code {}} argument) at WARN unless a line was logged within the interval. */
    void warn(String message, Object argument) {
        log(true, message, argument);
    }

    private void log(boolean warn, String message, Object argument) {
        long now = nanoTime.getAsLong();
        if (started && now - nextNanos < 0) {
            suppressed++;
            return;
        }
        started = true;
        nextNanos = now + intervalNanos;
        if (suppressed > 0) {
            if (warn) {
                log.warn(message + " ({} more like it not logged)", argument, suppressed);
            } else {
                log.info(message + " ({} more like it not logged)", argument, suppressed);
            }
            suppressed = 0;
        } else if (warn) {
            log.warn(message, argument);
        } else {
            log.info(message, argument);
        }
    }
}
