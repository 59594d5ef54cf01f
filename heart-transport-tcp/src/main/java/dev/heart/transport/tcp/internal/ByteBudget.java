package dev.heart.transport.tcp.internal;

/**
 * A server-wide budget of bytes, shared by the connections of one server: a connection takes
 * bytes before it grows a buffer beyond its initial size and gives them back when the buffer
 * shrinks or the connection closes. Not thread-safe: used by the server's I/O thread only.
 */
final class ByteBudget {
    private final long limit;
    private long used;

    /** @param limit the bytes that may be taken at once; {@link Long#MAX_VALUE} for no limit */
    ByteBudget(long limit) {
        this.limit = limit;
    }

    /** A budget that never refuses, for the client side and tests. */
    static ByteBudget unlimited() {
        return new ByteBudget(Long.MAX_VALUE);
    }

    /** Takes {@code bytes} when they are left; false (nothing taken) otherwise. */
    boolean tryTake(long bytes) {
        if (bytes > limit - used) {
            return false;
        }
        used += bytes;
        return true;
    }

    /** Gives back {@code bytes} taken before. */
    void give(long bytes) {
        used -= bytes;
    }

    /** The bytes taken now. */
    long used() {
        return used;
    }

    /** The limit. */
    long limit() {
        return limit;
    }
}
