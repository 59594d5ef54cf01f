package dev.heart.api.spi;

import java.util.Set;

/**
 * A transport plugin, found with {@link java.util.ServiceLoader}: it serves one or more URI
 * schemes, typically a plaintext one and its TLS twin ({@code tcp} and {@code tcps}); one provider
 * per transport.
 *
 * <p>Providers need a public no-argument constructor (or a {@code provider()} method on the module
 * path) and must be cheap to construct: connections start in {@link #create()}.
 */
public interface TransportProvider {

    /**
     * The URI schemes this transport serves.
     *
     * @return the schemes, lower case, for instance {@code ["tcp", "tcps"]}; at least one
     */
    Set<String> schemes();

    /**
     * The module or artifact that ships this provider, for error messages; for instance
     * {@code "heart-transport-tcp"}. Defaults to the provider's module name.
     *
     * @return the module or artifact name
     */
    default String artifact() {
        Module module = getClass().getModule();
        return module.isNamed() ? module.getName() : getClass().getName();
    }

    /**
     * Creates a new protocol instance that sends requests to targets of every scheme in
     * {@link #schemes()}, with the transport's default settings. The caller closes it.
     *
     * @return a new protocol
     */
    RequestProtocol create();
}
