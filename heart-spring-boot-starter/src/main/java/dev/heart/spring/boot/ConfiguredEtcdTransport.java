package dev.heart.spring.boot;

import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.etcd.EtcdConfigException;
import dev.heart.transport.etcd.EtcdTransport;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The etcd transport built from {@code heart.etcd.*}, serving {@code etcd} and {@code etcds} in
 * place of the defaults found by {@link java.util.ServiceLoader}. Loaded only when
 * heart-transport-etcd is on the class path. Immutable.
 */
final class ConfiguredEtcdTransport implements TransportOverrides {
    private final EtcdTransport.Builder builder;

    /**
     * Checks the settings by building a transport once (it reads the PEM files) and closing it.
     *
     * @throws HeartPropertyException naming the property at fault
     */
    ConfiguredEtcdTransport(EtcdProperties properties) {
        EtcdTransport.Builder b = EtcdTransport.builder();
        try {
            if (properties.getDefaultTtl() != null) {
                b.defaultTtl(properties.getDefaultTtl());
            }
        } catch (IllegalArgumentException e) {
            throw new HeartPropertyException("heart.etcd.default-ttl", HeartPropertyException.problem(e), e);
        }
        // the shared shapes of heart-api: TlsConfig (trust + identity) and Credentials
        if ((properties.getClientCertificate() == null) != (properties.getClientKey() == null)) {
            String missing = properties.getClientCertificate() == null
                    ? "heart.etcd.client-certificate"
                    : "heart.etcd.client-key";
            throw new HeartPropertyException(
                    missing,
                    "clientCertificate and its key must be given together; "
                            + (properties.getClientCertificate() == null ? "the certificate" : "the key")
                            + " is missing",
                    null);
        }
        try {
            TlsConfig.Builder tls = TlsConfig.builder();
            if (properties.getCaBundle() != null) {
                tls.trust(properties.getCaBundle());
            }
            if (properties.getClientCertificate() != null) {
                tls.identity(properties.getClientCertificate(), properties.getClientKey());
            }
            b.tls(tls.build());
        } catch (RuntimeException e) {
            throw new HeartPropertyException(property(e.getMessage()), HeartPropertyException.problem(e), e);
        }
        String password = properties.getPassword();
        if (properties.getUser() != null || password != null) {
            if (properties.getUser() == null) {
                throw new HeartPropertyException(
                        "heart.etcd.user", "credentials: a password was given without a user", null);
            }
            if (password == null || password.isEmpty()) {
                throw new HeartPropertyException(
                        "heart.etcd.password",
                        "credentials: the password of user '" + properties.getUser() + "' is missing",
                        null);
            }
            try {
                Credentials credentials = Credentials.of(properties.getUser(), password.toCharArray());
                b.credentials(
                        properties.isAllowPlaintextCredentials()
                                ? credentials.allowPlaintextCredentials()
                                : credentials);
            } catch (IllegalArgumentException e) {
                throw new HeartPropertyException("heart.etcd.user", HeartPropertyException.problem(e), e);
            }
        }
        try {
            b.build().close();
        } catch (EtcdConfigException e) {
            throw new HeartPropertyException(property(e.getMessage()), HeartPropertyException.problem(e), e);
        }
        this.builder = b;
    }

    /** The property of the builder setting an {@link EtcdConfigException}'s message starts with. */
    private static String property(@Nullable String message) {
        String text = String.valueOf(message);
        if (text.startsWith("trust")) {
            return "heart.etcd.ca-bundle";
        }
        if (text.startsWith("identity privateKey")) {
            return "heart.etcd.client-key";
        }
        if (text.startsWith("identity")) {
            return "heart.etcd.client-certificate";
        }
        if (text.startsWith("credentials")) {
            return text.contains("password of user") ? "heart.etcd.password" : "heart.etcd.user";
        }
        return "heart.etcd";
    }

    @Override
    public Map<String, TransportProvider> providers() {
        return Map.of(
                EtcdTransport.SCHEME,
                provider(EtcdTransport.SCHEME),
                EtcdTransport.TLS_SCHEME,
                provider(EtcdTransport.TLS_SCHEME));
    }

    private TransportProvider provider(String scheme) {
        return new TransportProvider() {
            @Override
            public java.util.Set<String> schemes() {
                return java.util.Set.of(scheme);
            }

            @Override
            public String artifact() {
                return "heart-transport-etcd";
            }

            @Override
            public RequestProtocol create() {
                return builder.build();
            }
        };
    }
}
