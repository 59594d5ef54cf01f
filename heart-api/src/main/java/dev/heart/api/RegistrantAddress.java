package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a registrant serves: a host (name or IP address) and a port, given once on its
 * {@link RegistrantInfo} ({@link RegistrantInfo#withAddress(String, int)}, kept as the
 * {@value RegistrantInfo#ADDRESS_ATTRIBUTE} attribute, {@code host:port}) and mapped by every
 * transport to its registry's own fields: Eureka's instance {@code hostName}, {@code ipAddr} and
 * {@code port}; etcd's JSON value ({@code "address": "host:port"}); the tcp registry's attributes;
 * a ZooKeeper instance document's {@code address} and {@code port}.
 *
 * @param host the host name or IP address; not blank; an IPv6 address without brackets
 * @param port the port, 1 to 65535
 */
public record RegistrantAddress(String host, int port) {

    /**
     * Validates the components.
     *
     * @param host not blank, no brackets, no whitespace
     * @param port 1 to 65535
     * @throws IllegalArgumentException naming what is wrong
     */
    public RegistrantAddress {
        Checks.notBlank(host, "host");
        if (host.startsWith("[") || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(
                    "address host must be a name or an IP address (IPv6 without brackets), was '" + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("address port must be 1 to 65535, was " + port);
        }
    }

    /**
     * Reads {@code host:port} ({@code [v6]:port} for an IPv6 address).
     *
     * @param text the text to read
     * @return the address
     * @throws IllegalArgumentException when {@code text} is not {@code host:port}, quoting it
     */
    public static RegistrantAddress parse(String text) {
        Checks.notNull(text, "address");
        try {
            URI uri = new URI("x://" + text);
            if (uri.getHost() == null
                    || uri.getPort() < 0
                    || uri.getRawUserInfo() != null
                    || !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("attribute '" + RegistrantInfo.ADDRESS_ATTRIBUTE
                        + "' must be host:port ([v6]:port for IPv6), was '" + text + "'");
            }
            String host = uri.getHost();
            return new RegistrantAddress(
                    host.startsWith("[") ? host.substring(1, host.length() - 1) : host, uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "attribute '" + RegistrantInfo.ADDRESS_ATTRIBUTE + "' must be host:port ([v6]:port for IPv6), was '"
                            + text + "'",
                    e);
        }
    }

    /**
     * {@code host:port}, with an IPv6 host in brackets: the form {@link #parse(String)} reads.
     *
     * @return the address as text
     */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
