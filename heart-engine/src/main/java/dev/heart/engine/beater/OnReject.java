package dev.heart.engine.beater;

/**
 * What a ready-made beater does when the registry refuses the registrant for good
 * ({@link dev.heart.api.RejectReason#FORBIDDEN}: wrong service type, not its registration, bad
 * credentials). Other rejections never end a ready-made beater's beating: "not registered"
 * registers again at once, "capacity" and "unspecified" are retried after a backoff.
 */
public enum OnReject {
    /** End the beating normally: the registry said never. Logged once, as a warning. */
    STOP,
    /** Try again after the usual backoff, for ever unless {@code giveUpAfter} is set; logged once. */
    REREGISTER
}
