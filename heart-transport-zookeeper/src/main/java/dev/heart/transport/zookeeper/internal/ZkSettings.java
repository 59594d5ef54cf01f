package dev.heart.transport.zookeeper.internal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A ZooKeeper transport's settings, checked by the builder. Passwords are never shown.
 *
 * @param sessionTimeout            the session timeout asked for
 * @param root                      the base path
 * @param maxRegistrations          the most registrations remembered
 * @param user                      digest user, or null
 * @param password                  digest password, or null
 * @param allowPlaintextCredentials whether credentials may go over zk://
 * @param trustStore                trust store for zks://, or null
 * @param trustStorePassword        its password, or null
 * @param keyStore                  key store for zks://, or null
 * @param keyStorePassword          its password, or null
 * @param hostnameVerification      whether the server's name is checked
 */
public record ZkSettings(
        Duration sessionTimeout,
        String root,
        int maxRegistrations,
        String user,
        char[] password,
        boolean allowPlaintextCredentials,
        Path trustStore,
        char[] trustStorePassword,
        Path keyStore,
        char[] keyStorePassword,
        boolean hostnameVerification) {

    /**
     * The defaults.
     *
     * @return the settings of {@code ZooKeeperTransport.create()}
     */
    public static ZkSettings defaults() {
        return new ZkSettings(
                Duration.ofSeconds(15), Layout.ROOT, 1_000_000, null, null, false, null, null, null, null, true);
    }

    boolean hasCredentials() {
        return user != null;
    }

    @Override
    public String toString() {
        return "ZkSettings[sessionTimeout=" + sessionTimeout + ", root=" + root + ", user="
                + (user == null ? "none" : user) + "]";
    }
}
