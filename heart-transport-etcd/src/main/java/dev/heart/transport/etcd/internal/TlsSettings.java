package dev.heart.transport.etcd.internal;

import dev.heart.api.security.TlsConfig;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolConfig;
import io.grpc.netty.shaded.io.netty.handler.ssl.ApplicationProtocolNames;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.grpc.netty.shaded.io.netty.handler.ssl.JdkSslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;

/**
 * The TLS side of {@code etcds://} endpoints, loaded and checked once when the transport is built
 * from the shared {@link TlsConfig}: the trusted authorities and the client certificate and key
 * for mutual TLS, or the application's own {@link javax.net.ssl.SSLContext}. Server name
 * verification is always on (gRPC checks the endpoint's host against the certificate).
 */
public final class TlsSettings {
    /** The JDK's authorities, no client certificate. */
    static final TlsSettings DEFAULT = load(TlsConfig.defaults());

    private final SslContext context;
    private final String description;

    private TlsSettings(SslContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * Reads the material of {@code tls}.
     *
     * @param tls the shared TLS settings; not null
     * @return the settings of etcd's channels; never null
     * @throws IllegalArgumentException when the settings cannot be used for etcd (server name
     *                                  verification off, or the TLS library refuses them)
     * @throws dev.heart.api.HeartException naming the file that cannot be read
     */
    public static TlsSettings load(TlsConfig tls) {
        if (!tls.verifyServerName()) {
            throw new IllegalArgumentException("tls: the etcd transport always verifies the server's name (gRPC); "
                    + "verifyServerName(false) is not supported");
        }
        String[] protocols = tls.protocols().toArray(String[]::new);
        if (tls.sslContext().isPresent()) {
            return new TlsSettings(
                    new JdkSslContext(
                            tls.sslContext().get(),
                            true,
                            null,
                            IdentityCipherSuiteFilter.INSTANCE,
                            new ApplicationProtocolConfig(
                                    ApplicationProtocolConfig.Protocol.ALPN,
                                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                                    ApplicationProtocolNames.HTTP_2),
                            ClientAuth.NONE,
                            protocols,
                            false),
                    tls.toString());
        }
        SslContextBuilder builder = GrpcSslContexts.forClient().protocols(protocols);
        tls.trustManagers().ifPresent(builder::trustManager);
        tls.keyManagers().ifPresent(builder::keyManager);
        try {
            return new TlsSettings(builder.build(), tls.toString());
        } catch (SSLException e) {
            throw new IllegalArgumentException("tls: the settings cannot be used: " + e.getMessage(), e);
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
