package dev.heart.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * TLS and credentials of the ZooKeeper transport: the {@code heart.zookeeper.*} properties of
 * {@link HeartProperties}, used when heart-transport-zookeeper is on the class path and one of them
 * is set; they then apply to every {@code zk://} and {@code zks://} registry. The same shape as
 * {@link EtcdProperties}. A mutable bean for Spring's binder; not thread-safe, read once at
 * startup. The password is never logged nor shown.
 */
public class ZooKeeperProperties {

    /** The defaults; Spring's binder sets what is configured. */
    public ZooKeeperProperties() {}

    /** PEM file of the certificate authorities trusted for zks:// registries; default: the JDK's. */
    private @Nullable Path caBundle;

    /** PEM file of the client certificate (with its chain) presented to zks:// registries (for an ensemble with ssl.clientAuth=need). */
    private @Nullable Path clientCertificate;

    /** PEM file of the client certificate's private key (unencrypted PKCS#8, PKCS#1 or SEC1). */
    private @Nullable Path clientKey;

    /** The user to authenticate as with ZooKeeper's digest scheme (the znodes' ACL names it); with password. */
    private @Nullable String user;

    /** The digest user's password; never logged. */
    private @Nullable String password;

    /** Whether the credentials may go to a plaintext zk:// target (Credentials.allowPlaintextCredentials()); default false. */
    private boolean allowPlaintextCredentials;

    /** The session timeout asked of the ensemble (every registrant's lease), 1s to 10min; default: the transport's (15s). */
    private @Nullable Duration sessionTimeout;

    /** Whether any of these properties is set. */
    boolean isSet() {
        return firstSet() != null;
    }

    /** The name of the first of these properties that is set, or null when none is. */
    @Nullable
    String firstSet() {
        Object[] values = {caBundle, clientCertificate, clientKey, user, password, sessionTimeout};
        String[] names = {"ca-bundle", "client-certificate", "client-key", "user", "password", "session-timeout"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                return "heart.zookeeper." + names[i];
            }
        }
        return null;
    }

    /**
     * The value of {@code heart.zookeeper.ca-bundle}.
     *
     * @return the file, or null
     */
    public @Nullable Path getCaBundle() {
        return caBundle;
    }

    /**
     * Binds {@code heart.zookeeper.ca-bundle}.
     *
     * @param caBundle the file
     */
    public void setCaBundle(@Nullable Path caBundle) {
        this.caBundle = caBundle;
    }

    /**
     * The value of {@code heart.zookeeper.client-certificate}.
     *
     * @return the file, or null
     */
    public @Nullable Path getClientCertificate() {
        return clientCertificate;
    }

    /**
     * Binds {@code heart.zookeeper.client-certificate}.
     *
     * @param clientCertificate the file
     */
    public void setClientCertificate(@Nullable Path clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    /**
     * The value of {@code heart.zookeeper.client-key}.
     *
     * @return the file, or null
     */
    public @Nullable Path getClientKey() {
        return clientKey;
    }

    /**
     * Binds {@code heart.zookeeper.client-key}.
     *
     * @param clientKey the file
     */
    public void setClientKey(@Nullable Path clientKey) {
        this.clientKey = clientKey;
    }

    /**
     * The value of {@code heart.zookeeper.user}.
     *
     * @return the user, or null
     */
    public @Nullable String getUser() {
        return user;
    }

    /**
     * Binds {@code heart.zookeeper.user}.
     *
     * @param user the user
     */
    public void setUser(@Nullable String user) {
        this.user = user;
    }

    /**
     * The value of {@code heart.zookeeper.password}.
     *
     * @return the password, or null
     */
    public @Nullable String getPassword() {
        return password;
    }

    /**
     * Binds {@code heart.zookeeper.password}.
     *
     * @param password the password
     */
    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    /**
     * The value of {@code heart.zookeeper.allow-plaintext-credentials}.
     *
     * @return true when the credentials may go to {@code zk://} targets in clear
     */
    public boolean isAllowPlaintextCredentials() {
        return allowPlaintextCredentials;
    }

    /**
     * Binds {@code heart.zookeeper.allow-plaintext-credentials}.
     *
     * @param allow true to send the credentials to {@code zk://} targets in clear
     */
    public void setAllowPlaintextCredentials(boolean allow) {
        this.allowPlaintextCredentials = allow;
    }

    /**
     * The value of {@code heart.zookeeper.session-timeout}.
     *
     * @return the timeout, or null for the transport's default
     */
    public @Nullable Duration getSessionTimeout() {
        return sessionTimeout;
    }

    /**
     * Binds {@code heart.zookeeper.session-timeout}.
     *
     * @param sessionTimeout the timeout
     */
    public void setSessionTimeout(@Nullable Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    @Override
    public String toString() {
        return "ZooKeeperProperties[caBundle=" + caBundle + ", clientCertificate=" + clientCertificate + ", clientKey="
                + clientKey + ", user=" + user + ", password=" + (password == null ? "none" : "(set)")
                + ", sessionTimeout=" + sessionTimeout + "]";
    }
}
