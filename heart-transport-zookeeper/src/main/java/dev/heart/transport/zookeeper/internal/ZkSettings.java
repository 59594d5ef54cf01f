package dev.heart.transport.zookeeper.internal;

import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A ZooKeeper transport's settings, checked by the builder. The credentials' secret is never
 * shown.
 *
 * @param sessionTimeout   the session timeout asked for
 * @param root             the base path
 * @param maxRegistrations the most registrations remembered
 * @param credentials      digest credentials, or null for none
 * @param tls              the TLS settings of {@code zks://} targets
 */
public record ZkSettings(
        Duration sessionTimeout,
        String root,
        int maxRegistrations,
        @Nullable Credentials credentials,
        TlsConfig tls) {

    /**
     * The defaults.
     *
     * @return the settings of {@code ZooKeeperTransport.create()}
     */
    public static ZkSettings defaults() {
        return new ZkSettings(Duration.ofSeconds(15), Layout.ROOT, 1_000_000, null, TlsConfig.defaults());
    }

    boolean hasCredentials() {
        return credentials != null;
    }

    @Override
    public String toString() {
        return "ZkSettings[sessionTimeout=" + sessionTimeout + ", root=" + root + ", credentials="
                + (credentials == null ? "none" : credentials) + ", tls=" + tls + "]";
    }
}
