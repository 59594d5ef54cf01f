package dev.heart.cli.registry;

import dev.heart.api.RegistrantInfo;

/**
 * What a {@link LeaseRegistry} tells as it happens. Every method has an empty default.
 *
 * <p>Called outside the registry's lock, from the thread that handled the request or ran the
 * expiry sweep: possibly concurrently. Must be quick and must not throw.
 */
public interface RegistryEvents {

    /**
     * A new registrant was accepted.
     *
     * @param registrant who; never null
     * @param count      registrants alive after it
     */
    default void registered(RegistrantInfo registrant, int count) {
    }

    /**
     * A registrant was dropped: its deadline passed without a beat.
     *
     * @param registrant who; never null
     * @param count      registrants alive after it
     */
    default void expired(RegistrantInfo registrant, int count) {
    }

    /**
     * A registrant left with a disconnect request.
     *
     * @param registrant who; never null
     * @param count      registrants alive after it
     */
    default void disconnected(RegistrantInfo registrant, int count) {
    }

    /** Hears nothing. */
    RegistryEvents NONE = new RegistryEvents() {
    };
}
