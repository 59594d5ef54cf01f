package dev.heart.transport.tcp.internal;

import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into frames. Bytes go in through {@link #writable()}; {@link #next()} then
 * yields each complete frame, whose {@link #kind()}, {@link #id()} and {@link #payload()} stay
 * valid until the next call of {@code writable()}. The magic, version and length are checked as
 * soon as their bytes arrive, so a hostile peer is detected early.
 *
 * <p>Memory follows the bytes that arrived, not the length a peer announces: the buffer doubles
 * only when it is full of one frame's bytes, up to that frame's size, so it holds at most about
 * twice the bytes received (and never more than the maximum frame size). Growth beyond the
 * initial capacity is taken from a {@link ByteBudget} (shared by a server's connections); when the
 * budget is used up, {@link #next()} fails with {@link Wire#ERROR_RESOURCE_EXHAUSTED}. Call
 * {@link #release()} when the connection closes. Not thread-safe: one decoder per connection, used
 * by its I/O thread.
 */
final class FrameDecoder {
    private final int maxFrameSize;
    private final int initialCapacity;
    private final ByteBudget budget;
    private ByteBuffer buffer;
    private ByteBuffer view;
    /** Bytes of growth beyond the initial capacity, taken from the budget. */
    private long taken;

    private int readPos;
    private byte kind;
    private long id;

    /**
     * A decoder without a budget.
     *
     * @param maxFrameSize    the largest legal value of the length prefix
     * @param initialCapacity the buffer's size while frames are small
     */
    FrameDecoder(int maxFrameSize, int initialCapacity) {
        this(maxFrameSize, initialCapacity, ByteBudget.unlimited());
    }

    /**
     * @param maxFrameSize    the largest legal value of the length prefix
     * @param initialCapacity the buffer's size while frames are small
     * @param budget          where growth beyond {@code initialCapacity} is taken from; not null
     */
    FrameDecoder(int maxFrameSize, int initialCapacity, ByteBudget budget) {
        this.maxFrameSize = maxFrameSize;
        this.initialCapacity = initialCapacity;
        this.budget = budget;
        this.buffer = ByteBuffer.allocate(initialCapacity);
        this.view = buffer.duplicate();
    }

    /** A buffer in write mode with room for at least one byte; fill it, then call {@link #next()}. */
    ByteBuffer writable() {
        if (readPos == buffer.position()) {
            readPos = 0;
            if (buffer.capacity() > 4 * initialCapacity) {
                budget.give(taken);
                taken = 0;
                replace(ByteBuffer.allocate(initialCapacity));
            } else {
                buffer.clear();
            }
        } else if (!buffer.hasRemaining()) {
            if (readPos > 0) {
                compact();
            } else {
                // only when next() was not called on a full buffer: next() grows within the budget
                int bounded = bounded(2L * buffer.capacity());
                budget.give(buffer.capacity() - (long) bounded); // counted, even beyond the limit
                taken += bounded - buffer.capacity();
                grow(bounded);
            }
        }
        return buffer;
    }

    /**
     * Advances to the next complete frame.
     *
     * @return true when a frame is ready, false when more bytes are needed
     * @throws ProtocolException (fatal) on a bad length, magic or version, or when the frame needs
     *                           more room than the budget has left
     */
    boolean next() throws ProtocolException {
        int available = buffer.position() - readPos;
        if (available < Wire.LENGTH_BYTES) {
            return false;
        }
        int length = buffer.getInt(readPos);
        if (length < Wire.HEADER_BYTES || length > maxFrameSize) {
            throw ProtocolException.fatal(
                    "frame length " + length + " outside [" + Wire.HEADER_BYTES + ", " + maxFrameSize + "]",
                    Wire.ERROR_PROTOCOL);
        }
        if (available >= Wire.VERSION_OFFSET) {
            short magic = buffer.getShort(readPos + Wire.MAGIC_OFFSET);
            if (magic != Wire.MAGIC) {
                throw ProtocolException.fatal(
                        "wrong magic 0x" + Integer.toHexString(magic & 0xFFFF) + ", expected 0x"
                                + Integer.toHexString(Wire.MAGIC),
                        Wire.ERROR_PROTOCOL);
            }
        }
        if (available > Wire.VERSION_OFFSET) {
            byte version = buffer.get(readPos + Wire.VERSION_OFFSET);
            if (version != Wire.VERSION) {
                throw ProtocolException.fatal(
                        "unsupported protocol version " + Byte.toUnsignedInt(version) + "; supported: " + Wire.VERSION,
                        Wire.ERROR_UNSUPPORTED_VERSION);
            }
        }
        int frameBytes = Wire.LENGTH_BYTES + length;
        if (available < frameBytes) {
            if (readPos + frameBytes > buffer.capacity() && readPos > 0) {
                compact();
            }
            if (!buffer.hasRemaining()) {
                growWithinBudget(Math.min(frameBytes, 2L * buffer.capacity()));
            }
            return false;
        }
        kind = buffer.get(readPos + Wire.KIND_OFFSET);
        id = buffer.getLong(readPos + Wire.ID_OFFSET);
        view.clear();
        view.limit(readPos + frameBytes);
        view.position(readPos + Wire.LENGTH_BYTES + Wire.HEADER_BYTES);
        readPos += frameBytes;
        return true;
    }

    /** The kind of the current frame. */
    byte kind() {
        return kind;
    }

    /** The correlation id of the current frame. */
    long id() {
        return id;
    }

    /** The correlation id of the current frame, which must be a request with an id other than 0. */
    long requestId() throws ProtocolException {
        byte kind = kind();
        long id = id();
        if (kind != Wire.KIND_REQUEST) {
            throw ProtocolException.fatal(
                    "unexpected " + Wire.kindName(kind) + " frame from a client", Wire.ERROR_PROTOCOL);
        }
        if (id == 0) {
            throw ProtocolException.fatal("request with the reserved id 0", Wire.ERROR_PROTOCOL);
        }
        return id;
    }

    /** The current frame's payload, positioned at its first byte, limited to its last. */
    ByteBuffer payload() {
        return view;
    }

    /** True when bytes of an incomplete frame are buffered. */
    boolean hasPartialFrame() {
        return buffer.position() > readPos;
    }

    /** The buffer's capacity, for tests of boundedness. */
    int capacity() {
        return buffer.capacity();
    }

    /** Gives the growth back to the budget and drops the buffer: the connection closed. */
    void release() {
        budget.give(taken);
        taken = 0;
        buffer = ByteBuffer.allocate(0);
        view = buffer.duplicate();
        readPos = 0;
    }

    private int bounded(long capacity) {
        return (int) Math.min(Math.max(capacity, initialCapacity), maxFrameSize + (long) Wire.LENGTH_BYTES);
    }

    private void growWithinBudget(long capacity) throws ProtocolException {
        int bounded = bounded(capacity);
        long more = bounded - (long) buffer.capacity();
        if (more <= 0) {
            return;
        }
        if (!budget.tryTake(more)) {
            throw ProtocolException.fatal(
                    "the server's budget of " + budget.limit() + " bytes for partly received frames is used up",
                    Wire.ERROR_RESOURCE_EXHAUSTED);
        }
        taken += more;
        grow(bounded);
    }

    private void compact() {
        buffer.limit(buffer.position());
        buffer.position(readPos);
        buffer.compact();
        readPos = 0;
    }

    private void grow(int capacity) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(capacity, buffer.position() - readPos));
        buffer.flip();
        buffer.position(readPos);
        bigger.put(buffer);
        readPos = 0;
        replace(bigger);
    }

    private void replace(ByteBuffer next) {
        buffer = next;
        view = next.duplicate();
    }
}
