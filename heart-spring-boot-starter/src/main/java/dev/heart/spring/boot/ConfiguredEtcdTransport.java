package dev.heart.spring.boot;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import dev.heart.transport.etcd.EtcdConfigException;
import dev.heart.transport.etcd.EtcdTransport;
import java.util.Map;

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
            throw new HeartPropertyException("heart.etcd.default-ttl", e.getMessage(), e);
        }
        b.caBundle(properties.getCaBundle());
        b.clientCertificate(properties.getClientCertificate(), properties.getClientKey());
        String password = properties.getPassword();
        b.credentials(properties.getUser(), password == null ? null : password.toCharArray());
        try {
            b.build().close();
        } catch (EtcdConfigException e) {
            throw new HeartPropertyException(property(e.getMessage()), e.getMessage(), e);
        }
        this.builder = b;
    }

    /** The property of the builder setting an {@link EtcdConfigException}'s message starts with. */
    private static String property(String message) {
        String text = String.valueOf(message);
        if (text.startsWith("caBundle")) {
            return "heart.etcd.ca-bundle";
        }
        if (text.startsWith("clientKey")
                || text.startsWith("clientCertificate and its key") && text.endsWith("the key is missing")) {
            return "heart.etcd.client-key";
        }
        if (text.startsWith("clientCertificate")) {
            return "heart.etcd.client-certificate";
        }
        if (text.startsWith("credentials")) {
            return text.contains("password of user") ? "heart.etcd.password" : "heart.etcd.user";
        }
        return "heart.etcd";
    }

    @Override
    public Map<String, TransportProvider> providers() {
        return Map.of(EtcdTransport.SCHEME, provider(EtcdTransport.SCHEME),
                EtcdTransport.TLS_SCHEME, provider(EtcdTransport.TLS_SCHEME));
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
