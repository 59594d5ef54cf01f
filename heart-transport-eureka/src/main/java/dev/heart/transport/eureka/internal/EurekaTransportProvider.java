package dev.heart.transport.eureka.internal;

import dev.heart.api.security.Credentials;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.api.spi.TransportProvider;
import java.util.Map;
import java.util.Set;

/**
 * Provides the {@code eureka} (HTTP) and {@code eurekas} (HTTPS) schemes with default settings; see {@code EurekaTransport}.
 * Basic credentials come from the environment variables {@value EurekaTransportProvider#USERNAME_VARIABLE}
 * and {@value EurekaTransportProvider#PASSWORD_VARIABLE} when both are set (for the command line).
 */
public final class EurekaTransportProvider implements TransportProvider {

    /** The environment variable with the basic-auth user name of the transports this provider creates. */
    public static final String USERNAME_VARIABLE = "HEART_EUREKA_USERNAME";
    /** The environment variable with the basic-auth password of the transports this provider creates. */
    public static final String PASSWORD_VARIABLE = "HEART_EUREKA_PASSWORD";

    /** For {@link java.util.ServiceLoader}. */
    public EurekaTransportProvider() {}

    @Override
    public Set<String> schemes() {
        return Set.of(Names.SCHEME, Names.TLS_SCHEME);
    }

    @Override
    public String artifact() {
        return "heart-transport-eureka";
    }

    @Override
    public RequestProtocol create() {
        return create(System.getenv());
    }

    /** A transport with default settings and the credentials in {@code environment}, when both are set. */
    static RequestProtocol create(Map<String, String> environment) {
        String username = environment.get(USERNAME_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        Credentials credentials =
                username != null && password != null ? Credentials.of(username, password.toCharArray()) : null;
        return new EurekaClient(EurekaSettings.defaults(credentials));
    }
}
