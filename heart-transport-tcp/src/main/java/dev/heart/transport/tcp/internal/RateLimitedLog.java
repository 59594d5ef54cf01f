package dev.heart.transport.tcp.internal;

import org.slf4j.Logger;

/**
 * At most one INFO line per interval, for events a peer can cause at will (closing mid-frame):
 * the first event of an interval is logged with the number of events suppressed since the last
 * line. Not thread-safe: used by the server's I/O thread only.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private long nextNanos;
    private boolean started;
    private long suppressed;

    RateLimitedLog(Logger log, long intervalNanos) {
        this.log = log;
        this.intervalNanos = intervalNanos;
    }

    /** Logs {@code message} (with one {@code {}} argument) at INFO unless a line was logged within the interval. */
    void info(String message, Object argument) {
        long now = System.nanoTime();
        if (started && now - nextNanos < 0) {
            suppressed++;
            return;
        }
        started = true;
        nextNanos = now + intervalNanos;
        if (suppressed > 0) {
            log.info(message + " ({} more like it not logged)", argument, suppressed);
            suppressed = 0;
        } else {
            log.info(message, argument);
        }
    }
}
