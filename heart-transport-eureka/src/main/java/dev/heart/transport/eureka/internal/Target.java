package dev.heart.transport.eureka.internal;

import java.net.URI;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A checked {@code eureka[s]://host:port[/path]} target and the HTTP base URI of its REST root.
 *
 * @param uri  the target as the caller gave it
 * @param base {@code http[s]://host:port[/path]}, without a trailing slash
 */
record Target(URI uri, URI base) {

    /**
     * Checks {@code uri}.
     *
     * @throws IllegalArgumentException when it is not {@code eureka[s]://host:port[/path]}, with a
     *                                  message that says what is wrong (never showing credentials)
     */
    static Target of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("target must not carry credentials (user info); set them with "
                    + "EurekaTransport.builder().credentials(...), was '" + scheme + "://***@" + uri.getHost()
                    + "...'");
        }
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
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw bad(uri, "a query or fragment is not allowed");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return new Target(uri, URI.create((secure ? "https" : "http") + "://" + host + ":" + uri.getPort() + path));
    }

    /** Whether the target is HTTPS ({@code eurekas}). */
    boolean secure() {
        return base.getScheme().equals("https");
    }

    /** {@code host:port}, the id of the server in responses. */
    String hostPort() {
        return base.getHost() + ":" + base.getPort();
    }

    /** {@code {base}/{suffix}}; {@code suffix} is already escaped. */
    URI resolve(String suffix) {
        return URI.create(base + "/" + suffix);
    }

    /**
     * The target URI of a Eureka service URL ({@code http[s]://[user@]host:port/path[/]}): {@code eureka://}
     * for HTTP, {@code eurekas://} for HTTPS, credentials and trailing slash dropped; null when it
     * is not one.
     */
    static @Nullable URI fromServiceUrl(String serviceUrl) {
        try {
            URI url = URI.create(serviceUrl.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                return null;
            }
            int port = url.getPort() > 0 ? url.getPort() : scheme.equals("https") ? 443 : 80;
            String path = url.getRawPath() == null ? "" : url.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            String host = url.getHost().contains(":") && !url.getHost().startsWith("[")
                    ? "[" + url.getHost() + "]"
                    : url.getHost();
            String ours = scheme.equals("https") ? Names.TLS_SCHEME : Names.SCHEME;
            return URI.create(ours + "://" + host + ":" + port + path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static IllegalArgumentException bad(URI uri, String why) {
        return new IllegalArgumentException(
                "target must be eureka://host:port/path or eurekas://host:port/path; " + why + ", was '" + uri + "'");
    }
}
