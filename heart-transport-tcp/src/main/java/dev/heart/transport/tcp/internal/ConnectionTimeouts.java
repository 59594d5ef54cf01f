package dev.heart.transport.tcp.internal;

/**
 * When a {@link ServerConnection} was accepted, last heard from, and began its partial frame, and
 * the sweep that closes it when it broke a timeout. Used by the server's I/O thread only.
 */
final class ConnectionTimeouts {
    private final ServerSettings settings;
    private final long acceptedNanos;
    private long lastActivityNanos;
    private long partialSinceNanos;

    ConnectionTimeouts(ServerSettings settings) {
        this.settings = settings;
        this.acceptedNanos = System.nanoTime();
        this.lastActivityNanos = acceptedNanos;
    }

    /** When the last byte arrived, or when the connection was accepted ({@link System#nanoTime()}). */
    long lastActivityNanos() {
        return lastActivityNanos;
    }

    /** Bytes arrived. */
    void heard() {
        lastActivityNanos = System.nanoTime();
    }

    /** After decoding: {@code partial} when an incomplete frame is buffered, {@code decoded} when a frame was. */
    void decoded(boolean partial, boolean decoded) {
        if (!partial) {
            partialSinceNanos = 0;
        } else if (decoded || partialSinceNanos == 0) {
            partialSinceNanos = System.nanoTime();
        }
    }

    /**
     * Closes {@code connection} when it broke a timeout.
     *
     * @param readingMore true when the connection reads and can take more requests
     * @param quiet true when nothing is in flight, waiting to be written or partly received
     */
    void sweep(
            ServerConnection connection,
            long now,
            boolean sentCompleteFrame,
            boolean readingMore,
            ResponseWriter writer,
            ConnectionIo channel,
            boolean quiet) {
        long frameTimeout = Codec.nanos(settings.frameReadTimeout());
        if (!sentCompleteFrame && now - acceptedNanos > Codec.nanos(settings.firstFrameTimeout())) {
            connection.closeWithError(
                    Wire.ERROR_PROTOCOL,
                    "no complete frame within " + settings.firstFrameTimeout().toMillis()
                            + " ms of connecting (firstFrameTimeout)");
        } else if (readingMore && partialSinceNanos != 0 && now - partialSinceNanos > frameTimeout) {
            connection.closeForMisbehaviour("no complete frame within "
                    + settings.frameReadTimeout().toMillis() + " ms (slow or stalled sender)");
        } else if (writer.waitingBytes() > 0 && now - writer.lastWriteNanos() > frameTimeout) {
            connection.closeForMisbehaviour(
                    "client took no answer for " + settings.frameReadTimeout().toMillis() + " ms");
        } else if (channel.hasPendingOutput() && now - channel.lastOutputNanos() > frameTimeout) {
            connection.closeForMisbehaviour("client took no TLS bytes for "
                    + settings.frameReadTimeout().toMillis() + " ms");
        } else if (quiet && now - lastActivityNanos > Codec.nanos(settings.idleTimeout())) {
            connection.close("idle for " + settings.idleTimeout().toMillis() + " ms");
        }
    }
}
