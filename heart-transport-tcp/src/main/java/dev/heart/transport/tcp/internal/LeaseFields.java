package dev.heart.transport.tcp.internal;

import dev.heart.api.LeaseToken;
import dev.heart.api.RejectReason;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * The fields version 2 added: the lease token ({@code len:u8} and its bytes, 0 for none) of
 * requests and responses, and the reject reason ({@code u8}, 0 on an acceptance) of responses.
 * Stateless and thread-safe.
 */
final class LeaseFields {
    private LeaseFields() {}

    /** The wire code of a reject reason: 0 for none (an acceptance), 1-5 in the order of {@link RejectReason}. */
    static byte reasonCode(@Nullable RejectReason reason) {
        if (reason == null) {
            return 0;
        }
        switch (reason) {
            case NOT_REGISTERED:
                return Wire.REASON_NOT_REGISTERED;
            case CAPACITY:
                return Wire.REASON_CAPACITY;
            case FORBIDDEN:
                return Wire.REASON_FORBIDDEN;
            case DISCONNECTED:
                return Wire.REASON_DISCONNECTED;
            default:
                return Wire.REASON_UNSPECIFIED;
        }
    }

    /** The reject reason of wire code {@code code}; an unknown code on a rejection reads as UNSPECIFIED. */
    static @Nullable RejectReason reason(int code, boolean reject) throws ProtocolException {
        if (!reject) {
            if (code != 0) {
                throw ProtocolException.malformed("reject reason " + code + " on an acceptance");
            }
            return null;
        }
        switch (code) {
            case 0:
                throw ProtocolException.malformed("rejection without a reason (reason 0)");
            case Wire.REASON_NOT_REGISTERED:
                return RejectReason.NOT_REGISTERED;
            case Wire.REASON_CAPACITY:
                return RejectReason.CAPACITY;
            case Wire.REASON_FORBIDDEN:
                return RejectReason.FORBIDDEN;
            case Wire.REASON_DISCONNECTED:
                return RejectReason.DISCONNECTED;
            default:
                return RejectReason.UNSPECIFIED;
        }
    }

    static int tokenSize(@Nullable LeaseToken token) {
        return 1 + (token == null ? 0 : token.length());
    }

    static void putToken(ByteBuffer out, @Nullable LeaseToken token) {
        if (token == null) {
            out.put((byte) 0);
        } else {
            out.put((byte) token.length());
            out.put(token.bytes());
        }
    }

    static @Nullable LeaseToken readToken(ByteBuffer in) throws ProtocolException {
        int length = Codec.need(in, 1).get() & 0xFF;
        if (length == 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        Codec.need(in, length).get(bytes);
        return LeaseToken.of(bytes);
    }
}
