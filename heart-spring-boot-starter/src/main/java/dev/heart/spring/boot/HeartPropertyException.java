package dev.heart.spring.boot;

import dev.heart.api.HeartException;
import org.jspecify.annotations.Nullable;

/**
 * A {@code heart.*} property has a value the registration cannot use; the message names the
 * property, the value (never for a secret) and what is wrong. Thrown at startup.
 */
public class HeartPropertyException extends HeartException {
    private static final long serialVersionUID = 1L;

    /** The full name of the property at fault. */
    private final String property;

    /** What to do about it, when it is more than setting a valid value. */
    private final @Nullable String action;

    /**
     * An exception about {@code property}.
     *
     * @param property the full property name, for instance {@code heart.registry[0]}
     * @param problem  what is wrong, naming the value
     * @param cause    the underlying failure, or null
     */
    public HeartPropertyException(String property, String problem, @Nullable Throwable cause) {
        this(property, problem, cause, null);
    }

    HeartPropertyException(String property, String problem, @Nullable Throwable cause, @Nullable String action) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.action = action;
    }

    /**
     * What {@code cause} says is wrong, as the problem of a property exception: its message, or
     * the exception itself when it has none.
     */
    static String problem(Throwable cause) {
        String message = cause.getMessage();
        return message != null ? message : cause.toString();
    }

    /** What to do about it, complete in itself, or null for the failure analyzer's default. */
    @Nullable
    String action() {
        return action;
    }

    /**
     * The property at fault.
     *
     * @return its full name, for instance {@code heart.registry[0]}
     */
    public String property() {
        return property;
    }
}
