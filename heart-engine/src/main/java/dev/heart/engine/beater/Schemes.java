package dev.heart.engine.beater;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * Which target schemes are secured by TLS, so that a failover never moves a registrant from a
 * secured registry to a plaintext one unless the user allowed that scheme by name.
 */
final class Schemes {
    /** The TLS schemes of heart's transports (and the web's), each the secured form of a plaintext one. */
    private static final Set<String> SECURED = Set.of("tcps", "etcds", "eurekas", "zks", "https", "wss");

    private Schemes() {}

    static String of(URI target) {
        return target.getScheme().toLowerCase(Locale.ROOT);
    }

    static boolean secured(URI target) {
        return SECURED.contains(of(target));
    }

    /** True when {@code candidate} is plaintext while {@code current} is secured. */
    static boolean weaker(URI candidate, URI current) {
        return secured(current) && !secured(candidate);
    }
}
