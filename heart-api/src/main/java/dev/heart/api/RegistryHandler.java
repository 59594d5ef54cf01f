package dev.heart.api;

/**
 * The registry side of an exchange: one request in, one response out. Registry servers of every
 * transport, and the testkit's fake registries, share it.
 *
 * <p>Implementations must be thread-safe: servers call them concurrently.
 */
@FunctionalInterface
public interface RegistryHandler {

    /**
     * Answers one request.
     *
     * @param request the registrant's request
     * @return the answer
     * @throws RuntimeException when the registry cannot answer; a server turns it into a transport
     *                          error for the client
     */
    Response handle(Request request);
}
