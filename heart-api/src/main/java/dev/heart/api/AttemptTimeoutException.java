package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.time.Duration;

/** An attempt got no answer within its timeout; the engine cancelled it in the transport. */
public class AttemptTimeoutException extends HeartException {
    private static final long serialVersionUID = 1L;

    /** The bound that passed. */
    private final Duration timeout;

    /**
     * An attempt that got no answer within {@code timeout}.
     *
     * @param timeout the bound that passed
     */
    public AttemptTimeoutException(Duration timeout) {
        super("no answer within " + Checks.notNull(timeout, "timeout").toMillis() + " ms");
        this.timeout = timeout;
    }

    /**
     * The bound that passed.
     *
     * @return the attempt's timeout
     */
    public Duration timeout() {
        return timeout;
    }
}
