package dev.heart.transport.tcp.internal;

import java.io.IOException;

/** A TLS handshake failed; the message says why in words, the cause keeps the JDK's exception. */
final class TlsHandshakeException extends IOException {
    private static final long serialVersionUID = 1L;

    TlsHandshakeException(String message, Throwable cause) {
        super(message, cause);
    }
}
