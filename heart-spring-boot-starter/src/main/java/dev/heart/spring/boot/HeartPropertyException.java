package dev.heart.spring.boot;

import dev.heart.api.HeartException;

/**
 * A {@code heart.*} property has a value the registration cannot use; the message names the
 * property, the value (never for a secret) and what is wrong. Thrown at startup.
 */
public class HeartPropertyException extends HeartException {
    private static final long serialVersionUID = 1L;

    /** The full name of the property at fault. */
    private final String property;

    /** What to do about it, when it is more than setting a valid value; may be null. */
    private final String action;

    /**
     * An exception about {@code property}.
     *
     * @param property the full property name, for instance {@code heart.registry[0]}; not null
     * @param problem  what is wrong, naming the value; not null
     * @param cause    the underlying failure; may be null
     */
    public HeartPropertyException(String property, String problem, Throwable cause) {
        this(property, problem, cause, null);
    }

    HeartPropertyException(String property, String problem, Throwable cause, String action) {
        super(property + ": " + problem, cause);
        this.property = property;
        this.action = action;
    }

    /** What to do about it, complete in itself, or null for the failure analyzer's default. */
    String action() {
        return action;
    }

    /**
     * The property at fault.
     *
     * @return its full name, for instance {@code heart.registry[0]}; never null
     */
    public String property() {
        return property;
    }
}
