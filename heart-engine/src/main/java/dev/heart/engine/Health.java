package dev.heart.engine;

/**
 * What a beating knows, locally and from its monotonic clock, about its registration.
 *
 * <p>Each accepted response sets a deadline: the time of receipt plus the registry's
 * {@link dev.heart.api.Response#timeout()}. The health follows that deadline even when no answer
 * comes at all.
 */
public enum Health {
    /** No registration: nothing accepted yet, the registry rejected, or the beating ended. */
    UNREGISTERED,
    /** The last beat was accepted and its deadline is comfortably ahead. */
    HEALTHY,
    /**
     * The registration may be lost soon: an attempt failed, or less than a quarter of the lease
     * is left without an accepted beat.
     */
    AT_RISK,
    /** The registry's deadline passed without an accepted beat: the registry has dropped us. */
    LOST
}
