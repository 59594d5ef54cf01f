package dev.heart.api;

/**
 * Why a registry rejected a {@link Request}: what a beater that wants to stay registered should do
 * next depends on it (see the ready-made beaters' contract in {@code docs/semantics.md} §9).
 */
public enum RejectReason {
    /**
     * The registry does not know this registrant (any more): its lease expired, the registry
     * restarted and forgot everyone, or its registration was removed behind its back. Registering
     * again at once is expected.
     */
    NOT_REGISTERED,
    /** The registry is full for now ("come back later"): try again after a backoff. */
    CAPACITY,
    /**
     * The registry will never accept this request as it is: a wrong service type, a registration
     * owned by someone else ("not yours"), missing or wrong credentials.
     */
    FORBIDDEN,
    /** The registrant asked to leave ({@link Request#disconnect()}) and the registry forgot it. */
    DISCONNECTED,
    /** The registry gave no reason (a transport whose protocol carries none). */
    UNSPECIFIED
}
