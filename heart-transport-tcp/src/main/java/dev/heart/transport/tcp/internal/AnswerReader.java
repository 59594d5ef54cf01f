package dev.heart.transport.tcp.internal;

import dev.heart.api.TransportException;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read side of one client connection: cuts the registry's bytes into frames and completes the
 * requests they answer; an answer to a request no longer pending is dropped. Not thread-safe: used
 * by the connection's I/O thread only.
 */
final class AnswerReader {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerReader.class);
    private static final int BUFFER_BYTES = 64 * 1024;
    /** Reads per readiness at most: a registry that always has more never holds the I/O thread for good. */
    private static final int MAX_READS_PER_TURN = 16;

    private final URI target;
    private final PendingTable pending;
    private final int maxFrameSize;
    private final RegistryCache registries = new RegistryCache();
    private FrameDecoder decoder;

    AnswerReader(URI target, PendingTable pending, int maxFrameSize) {
        this.target = target;
        this.pending = pending;
        this.maxFrameSize = maxFrameSize;
        this.decoder = new FrameDecoder(maxFrameSize, BUFFER_BYTES);
    }

    /**
     * Reads what the channel has and delivers every whole frame, telling {@code afterRead} after
     * each read's frames; stops after
     * {@link #MAX_READS_PER_TURN} reads or when a read makes no progress (then
     * {@code channel.hasBufferedInput()} says whether another turn is due without the socket).
     *
     * @throws EOFException      when the registry closed the connection
     * @throws ProtocolException (fatal) when the registry broke the protocol
     */
    void readFrom(ConnectionIo channel, AfterRead afterRead) throws IOException, ProtocolException {
        for (int reads = 0; reads < MAX_READS_PER_TURN; reads++) {
            ByteBuffer buffer = decoder.writable();
            int n = channel.read(buffer);
            if (n < 0) {
                throw new EOFException("connection closed by the registry");
            }
            while (decoder.next()) {
                deliver();
            }
            afterRead.delivered();
            if (n == 0 || (buffer.hasRemaining() && !channel.hasBufferedInput())) {
                return;
            }
        }
    }

    /** What the connection does after the answers of each read were delivered. */
    interface AfterRead {
        /**
         * The answers of one read were delivered (perhaps none).
         *
         * @throws IOException when the connection broke
         */
        void delivered() throws IOException;
    }

    /** Forgets a partial frame, for a new connection. */
    void reset() {
        decoder = new FrameDecoder(maxFrameSize, BUFFER_BYTES);
    }

    private void deliver() throws ProtocolException {
        byte kind = decoder.kind();
        long id = decoder.id();
        if (kind == Wire.KIND_ERROR && id == 0) {
            String error;
            try {
                error = Codec.readError(decoder.payload());
            } catch (ProtocolException e) {
                error = "malformed error frame: " + e.getMessage();
            }
            throw ProtocolException.fatal("registry closed the connection with " + error, Wire.ERROR_PROTOCOL);
        }
        if (kind != Wire.KIND_RESPONSE && kind != Wire.KIND_ERROR) {
            throw ProtocolException.fatal(
                    "unexpected " + Wire.kindName(kind) + " frame from the registry", Wire.ERROR_PROTOCOL);
        }
        Pending p = pending.get(id);
        if (p == null) {
            LOG.trace("dropped the answer to request #{} from {}: no longer pending", id, target);
            return;
        }
        try {
            if (kind == Wire.KIND_RESPONSE) {
                p.complete(Codec.readResponse(decoder.payload(), registries));
            } else {
                p.completeExceptionally(
                        new TransportException(target, "registry answered " + Codec.readError(decoder.payload())));
            }
        } catch (ProtocolException e) {
            p.completeExceptionally(new TransportException(
                    target, "malformed " + Wire.kindName(kind) + " from the registry: " + e.getMessage(), e));
        }
    }
}
