package dev.heart.transport.etcd.internal;

import dev.heart.transport.etcd.EtcdTransport;
import java.net.URI;
import java.util.Locale;

/**
 * A checked {@code etcd://host:port} target and the HTTP base URI of its JSON gateway.
 *
 * @param uri  the target as the caller gave it
 * @param http {@code http://host:port}
 */
record Target(URI uri, URI http) {

    /**
     * Checks {@code uri}.
     *
     * @throws IllegalArgumentException when it is not {@code etcd://host:port}, with a message
     *                                  that says what is wrong
     */
    static Target of(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !scheme.toLowerCase(Locale.ROOT).equals(EtcdTransport.SCHEME)) {
            throw bad(uri, "the scheme must be '" + EtcdTransport.SCHEME + "'");
        }
        if (uri.getHost() == null) {
            throw bad(uri, "a host is missing");
        }
        if (uri.getPort() < 1) {
            throw bad(uri, "a port is missing");
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw bad(uri, "only host and port are allowed");
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]" : uri.getHost();
        return new Target(uri, URI.create("http://" + host + ":" + uri.getPort()));
    }

    /** The {@code etcd://} target of an etcd client URL, or null when it is not plain HTTP. */
    static URI fromClientUrl(String clientUrl) {
        try {
            URI url = URI.create(clientUrl);
            if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null || url.getPort() < 1) {
                return null;
            }
            return URI.create(EtcdTransport.SCHEME + "://" + url.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IllegalArgumentException bad(URI uri, String why) {
        return new IllegalArgumentException("target must be etcd://host:port; " + why + ", was '" + uri + "'");
    }
}
