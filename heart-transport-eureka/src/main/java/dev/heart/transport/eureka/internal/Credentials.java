package dev.heart.transport.eureka.internal;

import dev.heart.api.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP basic credentials, kept only as the encoded {@code Authorization} header. Never shown:
 * {@link #toString()} says that credentials are set and nothing more. Immutable.
 */
public final class Credentials {
    private final String header;

    private Credentials(String header) {
        this.header = header;
    }

    /**
     * Basic credentials.
     *
     * @param username not null, without ':'
     * @param password not null
     * @return never null
     * @throws IllegalArgumentException when the username contains ':' (the message does not show
     *                                  it)
     */
    public static Credentials basic(String username, String password) {
        Checks.notNull(username, "username");
        Checks.notNull(password, "password");
        if (username.indexOf(':') >= 0) {
            throw new IllegalArgumentException("username must not contain ':' (basic authentication)");
        }
        String pair = username + ":" + password;
        return new Credentials("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    /** The value of the {@code Authorization} header; never logged. */
    String header() {
        return header;
    }

    @Override
    public String toString() {
        return "Credentials[basic, hidden]";
    }
}
