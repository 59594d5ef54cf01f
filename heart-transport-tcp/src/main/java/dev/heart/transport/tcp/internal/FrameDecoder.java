package dev.heart.transport.tcp.internal;

import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into frames. Bytes go in through {@link #writable()}; {@link #next()} then
 * yields each complete frame, whose {@link #kind()}, {@link #id()} and {@link #payload()} stay
 * valid until the next call of {@code writable()}. The magic, version and length are checked as
 * soon as their bytes arrive, so a hostile peer is detected early. Memory is bounded by the
 * maximum frame size. Not thread-safe: one decoder per connection, used by its I/O thread.
 */
final class FrameDecoder {
    private final int maxFrameSize;
    private final int initialCapacity;
    private ByteBuffer buffer;
    private ByteBuffer view;
    private int readPos;
    private byte kind;
    private long id;

    /**
     * @param maxFrameSize    the largest legal value of the length prefix
     * @param initialCapacity the buffer's size while frames are small
     */
    FrameDecoder(int maxFrameSize, int initialCapacity) {
        this.maxFrameSize = maxFrameSize;
        this.initialCapacity = initialCapacity;
        this.buffer = ByteBuffer.allocate(initialCapacity);
        this.view = buffer.duplicate();
    }

    /** A buffer in write mode with room for at least one byte; fill it, then call {@link #next()}. */
    ByteBuffer writable() {
        if (readPos == buffer.position()) {
            readPos = 0;
            if (buffer.capacity() > 4 * initialCapacity) {
                replace(ByteBuffer.allocate(initialCapacity));
            } else {
                buffer.clear();
            }
        } else if (!buffer.hasRemaining()) {
            if (readPos > 0) {
                compact();
            } else {
                grow(buffer.capacity() * 2);
            }
        }
        return buffer;
    }

    /**
     * Advances to the next complete frame.
     *
     * @return true when a frame is ready, false when more bytes are needed
     * @throws ProtocolException (fatal) on a bad length, magic or version
     */
    boolean next() throws ProtocolException {
        int available = buffer.position() - readPos;
        if (available < Wire.LENGTH_BYTES) {
            return false;
        }
        int length = buffer.getInt(readPos);
        if (length < Wire.HEADER_BYTES || length > maxFrameSize) {
            throw ProtocolException.fatal("frame length " + length + " outside [" + Wire.HEADER_BYTES + ", "
                    + maxFrameSize + "]", Wire.ERROR_PROTOCOL);
        }
        if (available >= 6) {
            short magic = buffer.getShort(readPos + 4);
            if (magic != Wire.MAGIC) {
                throw ProtocolException.fatal("wrong magic 0x" + Integer.toHexString(magic & 0xFFFF)
                        + ", expected 0x4842", Wire.ERROR_PROTOCOL);
            }
        }
        if (available >= 7) {
            byte version = buffer.get(readPos + 6);
            if (version != Wire.VERSION) {
                throw ProtocolException.fatal("unsupported protocol version " + (version & 0xFF)
                        + "; supported: " + Wire.VERSION, Wire.ERROR_UNSUPPORTED_VERSION);
            }
        }
        int frameBytes = Wire.LENGTH_BYTES + length;
        if (available < frameBytes) {
            if (frameBytes > buffer.capacity()) {
                grow(frameBytes);
            } else if (readPos + frameBytes > buffer.capacity()) {
                compact();
            }
            return false;
        }
        kind = buffer.get(readPos + 7);
        id = buffer.getLong(readPos + 8);
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

    private void compact() {
        buffer.limit(buffer.position());
        buffer.position(readPos);
        buffer.compact();
        readPos = 0;
    }

    private void grow(int capacity) {
        int bounded = Math.min(Math.max(capacity, initialCapacity), maxFrameSize + Wire.LENGTH_BYTES);
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(bounded, buffer.position() - readPos));
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
