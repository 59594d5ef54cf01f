package dev.heart.transport.etcd.internal;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A checked {@code etcd://host:port} (plaintext) or {@code etcds://host:port} (TLS) target.
 *
 * @param uri    the target as the caller gave it
 * @param host   its host, without brackets
 * @param port   its port
 * @param secure true for {@code etcds}
 * @param endpointKey the channel this target shares with every target of the same host, port and
 *                    security ({@code etcd://host:port} or {@code etcds://host:port})
 */
record Target(URI uri, String host, int port, boolean secure, String endpointKey) {

    /**
     * Checks {@code uri}.
     *
     * @throws IllegalArgumentException when it is not {@code etcd://host:port} or
     *                                  {@code etcds://host:port}, saying what is wrong
     */
    static Target of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean secure = scheme.equals(Names.TLS_SCHEME);
        if (!secure && !scheme.equals(Names.SCHEME)) {
            throw bad(uri, "the scheme must be '" + Names.SCHEME + "' or '" + Names.TLS_SCHEME + "'");
        }
        if (uri.getHost() == null) {
            throw bad(uri, "a host is missing");
        }
        if (uri.getPort() < 1) {
            throw bad(uri, "a port is missing");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw bad(uri, "only host and port are allowed (credentials go in the transport's settings)");
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(
                uri,
                host,
                uri.getPort(),
                secure,
                (secure ? Names.TLS_SCHEME : Names.SCHEME) + "://" + uri.getHost() + ":" + uri.getPort());
    }

    /**
     * The target of an etcd member's client URL: {@code http} becomes {@code etcd://},
     * {@code https} becomes {@code etcds://}; null for anything else.
     */
    static @Nullable URI fromClientUrl(String clientUrl) {
        try {
            URI url = URI.create(clientUrl);
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (url.getHost() == null || url.getPort() < 1) {
                return null;
            }
            return switch (scheme) {
                case "http" -> URI.create(Names.SCHEME + "://" + url.getRawAuthority());
                case "https" -> URI.create(Names.TLS_SCHEME + "://" + url.getRawAuthority());
                default -> null;
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IllegalArgumentException bad(URI uri, String why) {
        return new IllegalArgumentException(
                "target must be etcd://host:port or etcds://host:port; " + why + ", was '" + uri + "'");
    }
}
