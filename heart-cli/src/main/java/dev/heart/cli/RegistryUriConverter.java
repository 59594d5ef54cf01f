package dev.heart.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a registry address: an absolute URI with a scheme and a host ({@code tcp://host:port};
 * {@code tcp} needs the port). Whether a transport serves the scheme is checked when the command
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
            uri = new URI(value.trim()).parseServerAuthority();
        } catch (URISyntaxException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not a registry address like tcp://host:port (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new TypeConversionException("'" + value + "' is not a registry address like tcp://host:port"
                    + " (it needs a scheme and a host)");
        }
        if ("tcp".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && uri.getPort() < 1) {
            throw new TypeConversionException("'" + value + "' has no port; a tcp address is tcp://host:port");
        }
        return uri;
    }
}
