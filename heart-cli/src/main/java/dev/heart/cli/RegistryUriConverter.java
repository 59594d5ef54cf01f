package dev.heart.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a registry address: an absolute URI with a scheme and a host ({@code tcp://host:port};
 * {@code tcp} needs the port), or for ZooKeeper the members of an ensemble
 * ({@code zk://host:port,host:port/chroot}, checked member by member by the transport). Whether a transport serves the scheme is checked when the command
 * runs, by {@link TransportCheck}.
 */
final class RegistryUriConverter implements ITypeConverter<URI> {

    @Override
    public URI convert(String value) {
        return parse(value);
    }

    static URI parse(String value) {
        URI uri;
        try {
            uri = new URI(value.trim());
            if (!isZooKeeper(uri)) { // zk://a:1,b:2 is not one server: its transport checks every member
                uri = uri.parseServerAuthority();
            }
        } catch (URISyntaxException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a registry address like tcp://host:port (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null
                || (uri.getHost() == null && !(isZooKeeper(uri) && uri.getRawAuthority() != null))) {
            throw new TypeConversionException("'" + value + "' is not a registry address like tcp://host:port"
                    + " (it needs a scheme and a host)");
        }
        if ("tcp".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && uri.getPort() < 1) {
            throw new TypeConversionException("'" + value + "' has no port; a tcp address is tcp://host:port");
        }
        return uri;
    }

    private static boolean isZooKeeper(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("zk") || scheme.equals("zks");
    }
}
