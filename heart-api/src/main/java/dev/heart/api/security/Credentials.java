package dev.heart.api.security;

import dev.heart.api.internal.Checks;
import java.net.URI;

/**
 * A user and a secret that a transport presents to its registry (etcd's user and password,
 * Eureka's HTTP basic authentication), the same shape for every transport.
 *
 * <p>Credentials go over TLS only: a transport refuses to send them to a plaintext target
 * ({@code etcd://}, {@code eureka://}), at the latest when a beating to that target starts and
 * before anything is sent (see {@link #checkChannel(URI, boolean)}). An application that accepts
 * that anyone on the path reads them opts in by name, with {@link #allowPlaintextCredentials()}:
 * the one name for it in every transport.
 *
 * <p>Immutable; thread-safe. The secret is copied in and out and never appears in
 * {@link #toString()}, a log line or an exception message; equality is identity.
 */
public final class Credentials {
    private final String user;
    private final char[] secret;
    private final boolean plaintextAllowed;

    private Credentials(String user, char[] secret, boolean plaintextAllowed) {
        this.user = user;
        this.secret = secret;
        this.plaintextAllowed = plaintextAllowed;
    }

    /**
     * Credentials sent over TLS only.
     *
     * @param user   the user; not blank; no {@code ':'} (HTTP basic authentication cannot carry one)
     * @param secret the password or token; not empty; copied, so the caller may clear its array
     * @return the credentials
     * @throws IllegalArgumentException when the user is blank or holds {@code ':'}, or the secret is empty
     *                                  (the message never shows the secret)
     */
    public static Credentials of(String user, char[] secret) {
        Checks.notBlank(user, "user");
        Checks.notNull(secret, "secret");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("credentials: the user must not contain ':'");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("credentials: the secret of user '" + user + "' is empty");
        }
        return new Credentials(user, secret.clone(), false);
    }

    /**
     * These credentials, also sent to plaintext targets, where anyone on the path can read them
     * and act as this user. For a registry reached over a network the application trusts (a
     * loopback, a private link); never the default.
     *
     * @return a copy that transports also send in clear
     */
    public Credentials allowPlaintextCredentials() {
        return new Credentials(user, secret, true);
    }

    /**
     * Whether {@link #allowPlaintextCredentials()} was chosen.
     *
     * @return true when these credentials may be sent in clear
     */
    public boolean plaintextAllowed() {
        return plaintextAllowed;
    }

    /**
     * The user.
     *
     * @return the user name
     */
    public String user() {
        return user;
    }

    /**
     * The secret, for the transport that sends it; never log it.
     *
     * @return a copy, which the caller should clear after use
     */
    public char[] secret() {
        return secret.clone();
    }

    /**
     * Checks, where a transport attaches these credentials, that the channel may carry them.
     *
     * @param target the registry the credentials would go to, for the message
     * @param secure whether that channel is TLS
     * @throws IllegalArgumentException when the channel is plaintext and {@link #allowPlaintextCredentials()}
     *                                  was not chosen, saying what to do
     */
    public void checkChannel(URI target, boolean secure) {
        Checks.notNull(target, "target");
        if (!secure && !plaintextAllowed) {
            throw new IllegalArgumentException("the credentials of user '" + user + "' would be sent in clear to "
                    + target.getScheme() + "://" + target.getRawAuthority() + "; use the TLS scheme, or accept that "
                    + "anyone on the path can read them with Credentials.allowPlaintextCredentials()");
        }
    }

    @Override
    public String toString() {
        return "Credentials[user=" + user + ", secret=(hidden)" + (plaintextAllowed ? ", plaintext allowed" : "") + "]";
    }
}
