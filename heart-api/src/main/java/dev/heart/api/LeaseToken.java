package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A secret a registry issues on a registration, that later beats and the disconnect of the same
 * registrant carry to prove they come from its owner (the idea of etcd's lease id). The engine
 * attaches the latest token a beating received to each next request of that beating, so beaters
 * never handle it.
 *
 * <p>A token is a secret: {@link #toString()} never shows its bytes. Immutable and thread-safe.
 */
public final class LeaseToken {
    private final byte[] bytes;

    private LeaseToken(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A token of the given bytes (copied).
     *
     * @param bytes 1 to 255 bytes
     * @return the token
     * @throws NullPointerException     when {@code bytes} is null
     * @throws IllegalArgumentException when {@code bytes} is empty or longer than 255 bytes
     */
    public static LeaseToken of(byte[] bytes) {
        Checks.notNull(bytes, "bytes");
        if (bytes.length == 0 || bytes.length > 255) {
            throw new IllegalArgumentException("bytes must hold 1 to 255 bytes, got " + bytes.length);
        }
        return new LeaseToken(bytes.clone());
    }

    /**
     * The token's bytes (a copy).
     *
     * @return a new array each call
     */
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The number of bytes of this token.
     *
     * @return 1 to 255
     */
    public int length() {
        return bytes.length;
    }

    /**
     * The token as URL-safe base64 without padding, for transports that carry text.
     *
     * @return the encoded token; a secret, never to be logged
     */
    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether {@code other} holds the same bytes, compared in time independent of where they differ.
     *
     * @param other a token or null
     * @return true when equal
     */
    public boolean matches(@Nullable LeaseToken other) {
        return other != null && java.security.MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof LeaseToken other && matches(other);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(bytes);
    }

    /** Never the secret: {@code LeaseToken[16 bytes]}. */
    @Override
    public String toString() {
        return "LeaseToken[" + bytes.length + " bytes]";
    }
}
