package dev.heart.engine.beater;

/** What a beater does when the registry rejects the registrant. */
public enum OnReject {
    /** End the beating normally: the registry said no. */
    STOP,
    /** Register again: send the same request anew after the usual wait. */
    REREGISTER
}
