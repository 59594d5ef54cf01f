package dev.heart.transport.etcd.internal;

import dev.heart.transport.etcd.EtcdConfigException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The TLS side of {@code etcds://} endpoints, loaded and checked once when the transport is built:
 * the trusted authorities, and the client certificate and key for mutual TLS. Server name
 * verification is always on (gRPC checks the endpoint's host against the certificate).
 */
public final class TlsSettings {
    private final SslContext context;
    private final String description;

    private TlsSettings(SslContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * Loads the files; every argument may be null (the JDK's authorities; no client certificate).
     *
     * @throws EtcdConfigException naming the setting when a file cannot be read or the key does
     *                             not match the certificate
     */
    public static TlsSettings load(Path caBundle, Path clientCertificate, Path clientKey) {
        SslContextBuilder builder = GrpcSslContexts.forClient();
        if (caBundle != null) {
            List<X509Certificate> authorities = Pem.certificates(caBundle, "caBundle");
            builder.trustManager(authorities.toArray(new X509Certificate[0]));
        }
        if (clientCertificate != null) {
            List<X509Certificate> chain = Pem.certificates(clientCertificate, "clientCertificate");
            PrivateKey key = Pem.privateKey(clientKey, "clientKey");
            Pem.checkPair(key, chain.get(0), "clientKey", "clientCertificate");
            builder.keyManager(key, chain.toArray(new X509Certificate[0]));
        }
        try {
            return new TlsSettings(builder.build(), "TLS[ca=" + (caBundle == null ? "JDK default" : caBundle)
                    + ", clientCertificate=" + (clientCertificate == null ? "none" : clientCertificate) + "]");
        } catch (SSLException e) {
            throw new EtcdConfigException("TLS settings cannot be used: " + e.getMessage(), e);
        }
    }

    SslContext context() {
        return context;
    }

    @Override
    public String toString() {
        return description;
    }
}
