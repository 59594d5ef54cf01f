package dev.heart.transport.tcp.internal;

import dev.heart.api.security.TlsConfig;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How a side's TLS engines are set up from the shared {@link TlsConfig}: the protocols, client
 * authentication and server name verification. {@link #loadContext()} reads the files each time it
 * is called, so a server reloads its certificate by calling it again. Immutable; thread-safe.
 */
public final class TlsMaterial {
    private final TlsConfig config;

    /**
     * @param config the shared TLS settings; not null
     */
    public TlsMaterial(TlsConfig config) {
        this.config = java.util.Objects.requireNonNull(config, "config");
    }

    /** A client's defaults: the JDK's trust, TLS 1.3 and 1.2, server name verification. */
    static TlsMaterial clientDefaults() {
        return new TlsMaterial(TlsConfig.defaults());
    }

    /** True when an identity (certificate and key) is configured. */
    public boolean hasIdentity() {
        return config.hasIdentity();
    }

    /**
     * Reads the key material and builds a context.
     *
     * @throws dev.heart.api.HeartException naming the file and what is wrong with it
     */
    public SSLContext loadContext() {
        return config.newContext();
    }

    /** A client engine for {@code host:port}: server name indication and, by default, verification. */
    SSLEngine clientEngine(SSLContext context, String host, int port) {
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(config.protocols().toArray(String[]::new));
        if (config.verifyServerName()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!host.isEmpty() && !Character.isDigit(host.charAt(0)) && host.indexOf(':') < 0) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** A server engine asking clients for what {@code clientAuth} says. */
    SSLEngine serverEngine(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(config.protocols().toArray(String[]::new));
        parameters.setNeedClientAuth(config.clientAuth() == TlsConfig.ClientAuth.REQUIRED);
        if (config.clientAuth() == TlsConfig.ClientAuth.OPTIONAL) {
            parameters.setWantClientAuth(true);
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    @Override
    public String toString() {
        return config.toString();
    }
}
