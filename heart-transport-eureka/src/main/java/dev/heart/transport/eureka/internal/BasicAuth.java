package dev.heart.transport.eureka.internal;

import dev.heart.api.security.Credentials;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * HTTP basic credentials, kept only as the encoded {@code Authorization} header, and whether they
 * may go over plain HTTP ({@link Credentials#allowPlaintextCredentials()}). Never shown:
 * {@link #toString()} names the user only. Immutable.
 */
final class BasicAuth {
    private final Credentials credentials;
    private final String header;

    private BasicAuth(Credentials credentials, String header) {
        this.credentials = credentials;
        this.header = header;
    }

    /** The header of {@code credentials}; null for none. */
    static @Nullable BasicAuth of(@Nullable Credentials credentials) {
        if (credentials == null) {
            return null;
        }
        char[] secret = credentials.secret();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(
                CharBuffer.wrap((credentials.user() + ":" + new String(secret)).toCharArray()));
        Arrays.fill(secret, '\0');
        byte[] pair = new byte[bytes.remaining()];
        bytes.get(pair);
        String header = "Basic " + Base64.getEncoder().encodeToString(pair);
        Arrays.fill(pair, (byte) 0);
        return new BasicAuth(credentials, header);
    }

    /**
     * The value of the {@code Authorization} header for {@code target}; never logged.
     *
     * @throws IllegalArgumentException when {@code target} is plain HTTP and plaintext credentials
     *                                  were not allowed by name
     */
    String header(Target target) {
        credentials.checkChannel(target.uri(), target.secure());
        return header;
    }

    /** Refuses {@code target} when it is plain HTTP and plaintext credentials were not allowed. */
    void check(Target target) {
        header(target);
    }

    @Override
    public String toString() {
        return "BasicAuth[user=" + credentials.user() + ", hidden]";
    }
}
