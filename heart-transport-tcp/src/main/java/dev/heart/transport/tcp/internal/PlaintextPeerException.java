package dev.heart.transport.tcp.internal;

import javax.net.ssl.SSLHandshakeException;

/** A server's TLS port got plaintext: the server answers in plaintext that it wants TLS. */
final class PlaintextPeerException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    private final String message;

    PlaintextPeerException(String message) {
        super(message);
        this.message = message;
    }

    /** The message this exception was made with: never null (what {@link Throwable} says it may be). */
    @Override
    public String getMessage() {
        return message;
    }
}
