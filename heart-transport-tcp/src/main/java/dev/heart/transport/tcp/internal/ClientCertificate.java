package dev.heart.transport.tcp.internal;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/** The client certificate of one server connection, and its count against the per-certificate limit. */
final class ClientCertificate {
    /** The client's certificate, read once its first frame arrived (the handshake is done by then). */
    private volatile X509Certificate clientCertificate;
    /** The certificate's encoding as a key for the per-certificate limit; null without one. */
    private Object certificateKey;

    /** Any thread: the client's verified certificate, or null (plaintext, or none sent). */
    X509Certificate get() {
        return clientCertificate;
    }

    /** I/O thread: the certificate's encoded form, or null. */
    Object key() {
        return certificateKey;
    }

    /**
     * I/O thread, once the connection's first whole frame arrived: reads the certificate and counts
     * {@code connection} for it; false when the limit closed the connection.
     */
    boolean read(ConnectionIo channel, RegistryServer server, ServerConnection connection) {
        clientCertificate = channel.peerCertificate();
        return clientCertificate == null || countCertificate(server, connection);
    }

    /** Counts this connection for its client certificate; false when the limit closed it. */
    private boolean countCertificate(RegistryServer server, ServerConnection connection) {
        try {
            Object key = java.nio.ByteBuffer.wrap(clientCertificate.getEncoded());
            certificateKey = key;
            return server.certificateKnown(connection, key);
        } catch (CertificateEncodingException e) {
            return true; // the JDK verified it: it has an encoding
        }
    }
}
