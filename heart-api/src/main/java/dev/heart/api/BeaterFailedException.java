package dev.heart.api;

import dev.heart.api.internal.Checks;

/** The {@link HeartBeater} threw; the beater's exception is the cause. */
public class BeaterFailedException extends HeartException {
    private static final long serialVersionUID = 1L;

    /**
     * The beater threw {@code cause}.
     *
     * @param cause what the beater threw
     */
    public BeaterFailedException(Throwable cause) {
        super("beater threw " + Checks.notNull(cause, "cause"), cause);
    }
}
