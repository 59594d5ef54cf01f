package dev.heart.transport.tcp.internal;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** What a {@link TlsIo} refuses from its peer: plaintext where TLS was due, and renegotiation. */
final class TlsPeerChecks {
    private static final byte TLS_HANDSHAKE_RECORD = 0x16;

    private TlsPeerChecks() {}

    /**
     * After the first handshake, a record that starts a new handshake on TLS 1.2 or older is a
     * renegotiation (a client's hello, a server's hello request): refused, as the JDK would with
     * {@code jdk.tls.rejectClientInitiatedRenegotiation}, on both sides and without a global
     * property. TLS 1.3 has no renegotiation; its post-handshake messages are served.
     *
     * @param established true once the first handshake finished
     */
    static void refuseRenegotiation(SSLEngine engine, boolean established, SSLEngineResult.HandshakeStatus status)
            throws SSLException {
        if (!established
                || status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                || status == SSLEngineResult.HandshakeStatus.FINISHED
                || "TLSv1.3".equals(engine.getSession().getProtocol())) {
            return;
        }
        throw new SSLHandshakeException((engine.getUseClientMode() ? "the registry" : "the client")
                + " began a TLS renegotiation (" + engine.getSession().getProtocol() + "): refused");
    }

    /**
     * The peer's first bytes, at the start of {@code netIn} (not flipped, at least one byte): a
     * heart frame instead of a TLS record means the other side is plaintext.
     */
    static void checkFirstBytes(ByteBuffer netIn, boolean clientMode) throws SSLHandshakeException {
        if (netIn.get(0) == TLS_HANDSHAKE_RECORD) {
            return;
        }
        boolean heartFrame = netIn.position() >= Wire.VERSION_OFFSET && netIn.getShort(Wire.MAGIC_OFFSET) == Wire.MAGIC;
        if (clientMode) {
            throw new SSLHandshakeException(
                    heartFrame
                            ? "the registry answered in plaintext heart frames, not TLS: it serves tcp://, not tcps://"
                            : "the registry did not answer with TLS");
        }
        throw new PlaintextPeerException(
                heartFrame
                        ? "this port speaks TLS: the client sent plaintext heart frames; use tcps://"
                        : "this port speaks TLS: the client did not start a TLS handshake");
    }
}
