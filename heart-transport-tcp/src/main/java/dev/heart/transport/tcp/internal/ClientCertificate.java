package dev.heart.transport.tcp.internal;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;

/** The client certificate of one server connection, and its count against the per-certificate limit. */
final class ClientCertificate {
    /** The client's certificate, read once its first frame arrived (the handshake is done by then). */
    private volatile @Nullable X509Certificate clientCertificate;
    /** The certificate's encoding as a key for the per-certificate limit; null without one. */
    private @Nullable Object certificateKey;

    /** Any thread: the client's verified certificate, or null (plaintext, or none sent). */
    @Nullable
    X509Certificate get() {
        return clientCertificate;
    }

    /** I/O thread: the certificate's encoded form, or null. */
    @Nullable
    Object key() {
        return certificateKey;
    }

    /**
     * I/O thread, once the connection's first whole frame arrived: reads the certificate and counts
     * {@code connection} for it; false when the limit closed the connection.
     */
    boolean read(ConnectionIo channel, RegistryServer server, ServerConnection connection) {
        X509Certificate certificate = channel.peerCertificate();
        clientCertificate = certificate;
        return certificate == null || countCertificate(certificate, server, connection);
    }

    /** Counts this connection for its client certificate; false when the limit closed it. */
    private boolean countCertificate(X509Certificate certificate, RegistryServer server, ServerConnection connection) {
        try {
            Object key = java.nio.ByteBuffer.wrap(certificate.getEncoded());
            certificateKey = key;
            return server.certificateKnown(connection, key);
        } catch (CertificateEncodingException e) {
            return true; // the JDK verified it: it has an encoding
        }
    }
}
