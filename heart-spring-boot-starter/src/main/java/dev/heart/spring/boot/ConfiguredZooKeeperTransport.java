package dev.heart.spring.boot;

import dev.heart.api.HeartException;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.zookeeper.ZooKeeperTransport;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The ZooKeeper transport built from {@code heart.zookeeper.*}, serving {@code zk} and {@code zks}
 * in place of the defaults found by {@link java.util.ServiceLoader}: as {@link ConfiguredEtcdTransport}
 * does for etcd. Loaded only when heart-transport-zookeeper is on the class path. Immutable.
 */
final class ConfiguredZooKeeperTransport implements TransportOverrides {
    private final ZooKeeperTransport.Builder builder;

    /**
     * Checks the settings by building a transport once (it reads the PEM files) and closing it.
     *
     * @throws HeartPropertyException naming the property at fault
     */
    ConfiguredZooKeeperTransport(ZooKeeperProperties properties) {
        ZooKeeperTransport.Builder b = ZooKeeperTransport.builder();
        try {
            if (properties.getSessionTimeout() != null) {
                b.sessionTimeout(properties.getSessionTimeout());
            }
        } catch (IllegalArgumentException e) {
            throw new HeartPropertyException("heart.zookeeper.session-timeout", HeartPropertyException.problem(e), e);
        }
        // the shared shapes of heart-api: TlsConfig (trust + identity) and Credentials
        if ((properties.getClientCertificate() == null) != (properties.getClientKey() == null)) {
            String missing = properties.getClientCertificate() == null
                    ? "heart.zookeeper.client-certificate"
                    : "heart.zookeeper.client-key";
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
                        "heart.zookeeper.user", "credentials: a password was given without a user", null);
            }
            if (password == null || password.isEmpty()) {
                throw new HeartPropertyException(
                        "heart.zookeeper.password",
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
                throw new HeartPropertyException("heart.zookeeper.user", HeartPropertyException.problem(e), e);
            }
        }
        try {
            b.build().close();
        } catch (HeartException | IllegalArgumentException e) {
            throw new HeartPropertyException(property(e.getMessage()), HeartPropertyException.problem(e), e);
        }
        this.builder = b;
    }

    /** The property of the builder setting a message names. */
    private static String property(@Nullable String message) {
        String text = String.valueOf(message).replaceFirst("^tls: ", "");
        if (text.startsWith("trust")) {
            return "heart.zookeeper.ca-bundle";
        }
        if (text.startsWith("identity privateKey")) {
            return "heart.zookeeper.client-key";
        }
        if (text.startsWith("identity")) {
            return "heart.zookeeper.client-certificate";
        }
        if (text.startsWith("credentials")) {
            return text.contains("password of user") ? "heart.zookeeper.password" : "heart.zookeeper.user";
        }
        return "heart.zookeeper";
    }

    @Override
    public Map<String, TransportProvider> providers() {
        return Map.of(
                ZooKeeperTransport.SCHEME,
                provider(ZooKeeperTransport.SCHEME),
                ZooKeeperTransport.TLS_SCHEME,
                provider(ZooKeeperTransport.TLS_SCHEME));
    }

    private TransportProvider provider(String scheme) {
        return new TransportProvider() {
            @Override
            public java.util.Set<String> schemes() {
                return java.util.Set.of(scheme);
            }

            @Override
            public String artifact() {
                return "heart-transport-zookeeper";
            }

            @Override
            public RequestProtocol create() {
                return builder.build();
            }
        };
    }
}
