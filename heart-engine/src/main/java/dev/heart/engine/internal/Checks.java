package dev.heart.engine.internal;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks with messages that name the argument: this module's own copy of heart-api's
 * internal checks, in a package this module does not export. A copy, because this module may run
 * on the class path while heart-api runs on the module path (a transport's tests, a user's
 * modular project), where heart-api's checks, exported to heart's named modules only, are out of
 * reach.
 */
public final class Checks {
    private Checks() {}

    /**
     * Returns {@code value} when it is not null.
     *
     * @param <T>   the value's type
     * @param value the value to check
     * @param name  the value's name, for the message
     * @return {@code value}
     * @throws NullPointerException naming {@code name} when {@code value} is null
     */
    public static <T> T notNull(@Nullable T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /**
     * Returns {@code value} when it is neither null nor blank.
     *
     * @param value the value to check
     * @param name  the value's name, for the message
     * @return {@code value}
     * @throws NullPointerException when null; {@link IllegalArgumentException} when blank
     */
    public static String notBlank(String value, String name) {
        notNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * Returns {@code value} when it is strictly positive.
     *
     * @param value the value to check
     * @param name  the value's name, for the message
     * @return {@code value}
     * @throws NullPointerException when null; {@link IllegalArgumentException} when zero or negative
     */
    public static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value} when it is zero or positive.
     *
     * @param value the value to check
     * @param name  the value's name, for the message
     * @return {@code value}
     * @throws NullPointerException when null; {@link IllegalArgumentException} when negative
     */
    public static Duration notNegative(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    /**
     * Returns {@code value} when it is zero or positive.
     *
     * @param value the value to check
     * @param name  the value's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException when negative
     */
    public static int notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
