package dev.heart.api.spi;

/**
 * A transport plugin, found with {@link java.util.ServiceLoader}: it serves one URI scheme.
 *
 * <p>Providers need a public no-argument constructor (or a {@code provider()} method on the module
 * path) and must be cheap to construct: connections start in {@link #create()}.
 */
public interface TransportProvider {

    /**
     * The URI scheme this transport serves.
     *
     * @return the scheme, lower case, for instance {@code "tcp"}; never null
     */
    String scheme();

    /**
     * The module or artifact that ships this provider, for error messages; for instance
     * {@code "heart-transport-tcp"}. Defaults to the provider's module name.
     *
     * @return the module or artifact name; never null
     */
    default String artifact() {
        Module module = getClass().getModule();
        return module.isNamed() ? module.getName() : getClass().getName();
    }

    /**
     * Creates a new protocol instance that sends requests to targets with this scheme. The caller
     * closes it.
     *
     * @return a new protocol; never null
     */
    RequestProtocol create();
}
