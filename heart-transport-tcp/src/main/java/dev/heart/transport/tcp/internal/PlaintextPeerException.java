package dev.heart.transport.tcp.internal;

import javax.net.ssl.SSLHandshakeException;

/** A server's TLS port got plaintext: the server answers in plaintext that it wants TLS. */
final class PlaintextPeerException extends SSLHandshakeException {
    private static final long serialVersionUID = 1L;

    PlaintextPeerException(String message) {
        super(message);
    }
}
