package dev.heart.transport.tcp;

import dev.heart.api.RegistrantInfo;
import java.security.cert.X509Certificate;
import org.jspecify.annotations.Nullable;

/**
 * With mutual TLS, decides which registrants a client certificate may register, beat for and
 * disconnect ({@link TcpRegistryServer.Builder#authorizer}): for instance the certificate's
 * subject {@code CN=orders} may register service type {@code orders} only. Consulted for every
 * request before the registry's handler; a refusal answers error {@code FORBIDDEN} (code 8) with
 * the request's id, and the handler is not called. Implementations must be thread-safe and quick
 * (they run on the handler threads).
 */
@FunctionalInterface
public interface ClientAuthorizer {

    /**
     * Whether the client may send a request for {@code registrant}.
     *
     * @param client     the client's certificate (the leaf of its verified chain), or null when it
     *                   sent none (client authentication {@code OPTIONAL}) or the server is plaintext
     * @param registrant the registrant the request is for; never null
     * @return true to let the request reach the registry
     */
    boolean allows(@Nullable X509Certificate client, RegistrantInfo registrant);
}
