package dev.heart.transport.tcp.internal;

import dev.heart.api.Request;
import dev.heart.api.Response;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The transport's own codec for code outside the transport that must speak the wire protocol
 * itself: heart-bench's minimal client (the T1 baseline). It encodes request frames and decodes
 * response frames exactly as the transport does ({@link Codec}, {@link FrameDecoder},
 * {@link RegistryCache}). Not exported: class-path users only.
 */
public final class FrameCodec {
    private FrameCodec() {}

    /**
     * The bytes of the whole request frame, length prefix included.
     *
     * @param request the request; not null
     * @return the size
     */
    public static int requestFrameSize(Request request) {
        return Codec.requestFrameSize(request);
    }

    /**
     * Encodes a request frame.
     *
     * @param out           a buffer with {@link #requestFrameSize} bytes left
     * @param id            the correlation id, not 0
     * @param request       the request; not null
     * @param deadlineNanos the client's deadline in nanoseconds, 0 for none
     */
    public static void putRequest(ByteBuffer out, long id, Request request, long deadlineNanos) {
        Codec.putRequest(out, id, request, deadlineNanos);
    }

    /** Cuts a byte stream from a registry into answers, decoding each. Not thread-safe. */
    public static final class AnswerFrames {
        private final FrameDecoder decoder;
        private final RegistryCache registries = new RegistryCache();

        /** @param maxFrameSize the largest frame accepted */
        public AnswerFrames(int maxFrameSize) {
            this.decoder = new FrameDecoder(maxFrameSize, 64 * 1024);
        }

        /** A buffer in write mode to read bytes into, then call {@link #next()}. */
        public ByteBuffer writable() {
            return decoder.writable();
        }

        /**
         * Advances to the next whole frame.
         *
         * @return true when one is ready
         * @throws IOException when the bytes break the protocol
         */
        public boolean next() throws IOException {
            try {
                return decoder.next();
            } catch (ProtocolException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        /** The correlation id of the current frame. */
        public long id() {
            return decoder.id();
        }

        /**
         * Decodes the current frame as a response.
         *
         * @throws IOException when it is not a well-formed response
         */
        public Response response() throws IOException {
            if (decoder.kind() != Wire.KIND_RESPONSE) {
                throw new IOException("expected a response frame, got " + Wire.kindName(decoder.kind()));
            }
            try {
                return Codec.readResponse(decoder.payload(), registries);
            } catch (ProtocolException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
