package dev.heart.transport.tcp.internal;

import dev.heart.api.TransportException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers the frames a registry sends to the requests they answer. */
final class Answers {
    private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

    private Answers() {
    }

    /**
     * Completes the request the decoder's current frame answers; drops an answer to a request no
     * longer pending.
     *
     * @throws ProtocolException (fatal) for a connection-level error frame or an unexpected kind
     */
    static void deliver(FrameDecoder decoder, PendingTable pending, URI target) throws ProtocolException {
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
            throw ProtocolException.fatal("unexpected " + Wire.kindName(kind) + " frame from the registry",
                    Wire.ERROR_PROTOCOL);
        }
        Pending p = pending.get(id);
        if (p == null) {
            LOG.trace("dropped the answer to request #{} from {}: no longer pending", id, target);
            return;
        }
        try {
            if (kind == Wire.KIND_RESPONSE) {
                p.complete(Codec.readResponse(decoder.payload()));
            } else {
                p.completeExceptionally(new TransportException(target, "registry answered "
                        + Codec.readError(decoder.payload())));
            }
        } catch (ProtocolException e) {
            p.completeExceptionally(new TransportException(target, "malformed " + Wire.kindName(kind)
                    + " from the registry: " + e.getMessage(), e));
        }
    }
}
