package dev.heart.registry;

import dev.heart.api.RegistrantInfo;
import java.time.Duration;

/**
 * What a {@link LeaseRegistry} tells as it happens: registrations, renewals, expiries and
 * disconnects. Every method has an empty default; implement those you need.
 *
 * <p>Threads: called outside the registry's lock, from the thread that handled the request or ran
 * {@link LeaseRegistry#expire()}, so possibly concurrently and, across threads, not necessarily in
 * the order the registry decided. Within one thread the order is the registry's. Must be quick; an
 * exception thrown is logged and does not change the answer. Instants are nanoseconds of the
 * registry's {@link Ticker}.
 */
public interface RegistryEvents {

    /** Hears nothing: the default of {@link LeaseRegistry.Builder#events(RegistryEvents)}. */
    RegistryEvents NONE = new RegistryEvents() {};

    /**
     * A new registrant was accepted.
     *
     * @param registrant who, as its request named it
     * @param count      registrants alive right after it
     */
    default void registered(RegistrantInfo registrant, int count) {}

    /**
     * A known registrant beat again within its lease.
     *
     * @param registrant    who, as this request named it
     * @param sinceLastBeat the time since its previous accepted beat; not negative
     */
    default void renewed(RegistrantInfo registrant, Duration sinceLastBeat) {}

    /**
     * A registrant was dropped: its deadline passed without a beat. Told when the registry next
     * looks (a request, {@link LeaseRegistry#expire()}), so after the deadline itself.
     *
     * @param registrant    who, as its last accepted request named it
     * @param lastBeatNanos when its last accepted beat arrived ({@link Ticker} nanoseconds)
     * @param deadlineNanos when its lease ended ({@link Ticker} nanoseconds)
     * @param count         registrants alive right after it
     */
    default void expired(RegistrantInfo registrant, long lastBeatNanos, long deadlineNanos, int count) {}

    /**
     * A registered registrant left with a disconnect request.
     *
     * @param registrant who
     * @param count      registrants alive right after it
     */
    default void disconnected(RegistrantInfo registrant, int count) {}
}
