package dev.heart.bench.tcp;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Frames of the heart TCP wire format (version 2, {@code docs/wire-protocol.md}), encoded by hand
 * for the raw baselines: a request of registrant {@code heart-NNNNNN} and the trivial registry's
 * response, byte for byte the layout the transport sends, so the baselines move the same bytes.
 * The raw peers read only the length and the correlation id; they decode nothing else.
 */
public final class Frames {
    /** Bytes of the length prefix. */
    public static final int LENGTH_BYTES = 4;
    /** Offset of the correlation id within a frame, length prefix included. */
    public static final int ID_OFFSET = 8;

    private static final short MAGIC = 0x4842;
    private static final byte VERSION = 2;
    private static final byte KIND_REQUEST = 1;
    private static final byte KIND_RESPONSE = 2;

    private Frames() {}

    /** A request frame (id 0: set it with {@link #putId}) of registrant {@code id}, no attributes. */
    public static byte[] request(String registrantId, String serviceType, Duration deadline) {
        byte[] id = utf8(registrantId);
        byte[] service = utf8(serviceType);
        int size = LENGTH_BYTES + 12 + 8 + 1 + 1 + 4 + id.length + 4 + service.length + 4;
        ByteBuffer out = header(size, KIND_REQUEST);
        out.putLong(deadline.toNanos());
        out.put((byte) 0); // flags
        out.put((byte) 0); // no lease token
        putString(out, id);
        putString(out, service);
        out.putInt(0);
        return finish(out);
    }

    /** An accepting response frame (id 0) of the registry, no candidates, no attributes. */
    public static byte[] response(String registryId, String serviceType, URI address, Duration timeout) {
        byte[] id = utf8(registryId);
        byte[] service = utf8(serviceType);
        byte[] uri = utf8(address.toString());
        int size = LENGTH_BYTES + 12 + 1 + 1 + 8 + 1 + 4 + id.length + 4 + service.length + 4 + uri.length + 4 + 4;
        ByteBuffer out = header(size, KIND_RESPONSE);
        out.put((byte) 0); // flags
        out.put((byte) 0); // no reject reason
        out.putLong(timeout.toNanos());
        out.put((byte) 0); // no lease token
        putString(out, id);
        putString(out, service);
        putString(out, uri);
        out.putInt(0);
        out.putInt(0);
        return finish(out);
    }

    /** Writes {@code id} into the frame that starts at {@code frameStart} in {@code buffer}. */
    public static void putId(ByteBuffer buffer, int frameStart, long id) {
        buffer.putLong(frameStart + ID_OFFSET, id);
    }

    private static ByteBuffer header(int size, byte kind) {
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(size - LENGTH_BYTES);
        out.putShort(MAGIC);
        out.put(VERSION);
        out.put(kind);
        out.putLong(0);
        return out;
    }

    private static void putString(ByteBuffer out, byte[] bytes) {
        out.putInt(bytes.length);
        out.put(bytes);
    }

    private static byte[] finish(ByteBuffer out) {
        if (out.hasRemaining()) {
            throw new IllegalStateException("frame size miscomputed: " + out.remaining() + " bytes left");
        }
        return out.array();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
