package dev.heart.spring.boot;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * TLS and credentials of the etcd transport: the {@code heart.etcd.*} properties of
 * {@link HeartProperties}, used when heart-transport-etcd is on the class path and one of them is
 * set; they then apply to every {@code etcd://} and {@code etcds://} registry. A mutable bean for
 * Spring's binder; not thread-safe, read once at startup. The password is never logged nor shown.
 */
public class EtcdProperties {

    /** The defaults; Spring's binder sets what is configured. */
    public EtcdProperties() {}

    /** PEM file of the certificate authorities trusted for etcds:// registries; default: the JDK's. */
    private @Nullable Path caBundle;

    /** PEM file of the client certificate (with its chain) presented to etcds:// registries. */
    private @Nullable Path clientCertificate;

    /** PEM file of the client certificate's private key (unencrypted PKCS#8, PKCS#1 or SEC1). */
    private @Nullable Path clientKey;

    /** The etcd user to authenticate as (etcd's auth); with password. */
    private @Nullable String user;

    /** The etcd user's password; never logged. */
    private @Nullable String password;

    /** Whether the credentials may go to a plaintext etcd:// target (Credentials.allowPlaintextCredentials()); default false. */
    private boolean allowPlaintextCredentials;

    /** The lease TTL asked for a registrant without the etcd.ttl attribute, whole seconds; default: the transport's (10s). */
    private @Nullable Duration defaultTtl;

    /** Whether any of these properties is set. */
    boolean isSet() {
        return firstSet() != null;
    }

    /** The name of the first of these properties that is set, or null when none is. */
    @Nullable
    String firstSet() {
        Object[] values = {caBundle, clientCertificate, clientKey, user, password, defaultTtl};
        String[] names = {"ca-bundle", "client-certificate", "client-key", "user", "password", "default-ttl"};
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                return "heart.etcd." + names[i];
            }
        }
        return null;
    }

    /**
     * The value of {@code heart.etcd.ca-bundle}.
     *
     * @return the file, or null
     */
    public @Nullable Path getCaBundle() {
        return caBundle;
    }

    /**
     * Binds {@code heart.etcd.ca-bundle}.
     *
     * @param caBundle the file
     */
    public void setCaBundle(@Nullable Path caBundle) {
        this.caBundle = caBundle;
    }

    /**
     * The value of {@code heart.etcd.client-certificate}.
     *
     * @return the file, or null
     */
    public @Nullable Path getClientCertificate() {
        return clientCertificate;
    }

    /**
     * Binds {@code heart.etcd.client-certificate}.
     *
     * @param clientCertificate the file
     */
    public void setClientCertificate(@Nullable Path clientCertificate) {
        this.clientCertificate = clientCertificate;
    }

    /**
     * The value of {@code heart.etcd.client-key}.
     *
     * @return the file, or null
     */
    public @Nullable Path getClientKey() {
        return clientKey;
    }

    /**
     * Binds {@code heart.etcd.client-key}.
     *
     * @param clientKey the file
     */
    public void setClientKey(@Nullable Path clientKey) {
        this.clientKey = clientKey;
    }

    /**
     * The value of {@code heart.etcd.user}.
     *
     * @return the user, or null
     */
    public @Nullable String getUser() {
        return user;
    }

    /**
     * Binds {@code heart.etcd.user}.
     *
     * @param user the user
     */
    public void setUser(@Nullable String user) {
        this.user = user;
    }

    /**
     * The value of {@code heart.etcd.password}.
     *
     * @return the password, or null
     */
    public @Nullable String getPassword() {
        return password;
    }

    /**
     * Binds {@code heart.etcd.password}.
     *
     * @param password the password
     */
    public void setPassword(@Nullable String password) {
        this.password = password;
    }

    /**
     * The value of {@code heart.etcd.allow-plaintext-credentials}.
     *
     * @return true when the credentials may go to {@code etcd://} targets in clear
     */
    public boolean isAllowPlaintextCredentials() {
        return allowPlaintextCredentials;
    }

    /**
     * Binds {@code heart.etcd.allow-plaintext-credentials}.
     *
     * @param allow true to send the credentials to {@code etcd://} targets in clear
     */
    public void setAllowPlaintextCredentials(boolean allow) {
        this.allowPlaintextCredentials = allow;
    }

    /**
     * The value of {@code heart.etcd.default-ttl}.
     *
     * @return the TTL, or null for the transport's default
     */
    public @Nullable Duration getDefaultTtl() {
        return defaultTtl;
    }

    /**
     * Binds {@code heart.etcd.default-ttl}.
     *
     * @param defaultTtl the TTL
     */
    public void setDefaultTtl(@Nullable Duration defaultTtl) {
        this.defaultTtl = defaultTtl;
    }

    @Override
    public String toString() {
        return "EtcdProperties[caBundle=" + caBundle + ", clientCertificate=" + clientCertificate + ", clientKey="
                + clientKey + ", user=" + user + ", password=" + (password == null ? "none" : "(set)")
                + ", defaultTtl=" + defaultTtl + "]";
    }
}
