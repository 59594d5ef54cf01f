package dev.heart.testkit;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryHandler;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.engine.TimeSource;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.List;

/**
 * A registry that follows the registry model and records what it saw: heart-registry's
 * {@link dev.heart.registry.LeaseRegistry} configured by a {@link RegistryConfig}, on the hearts'
 * clock.
 *
 * <p>For each request, after dropping the registrants whose deadline passed: a different service
 * type is rejected ({@code FORBIDDEN}); {@code disconnect = true} forgets the registrant and is
 * rejected ({@code DISCONNECTED}); a known registrant is accepted with its next deadline; a new one
 * is accepted while under capacity and rejected otherwise ({@code CAPACITY}, "come back later"). A
 * registrant is alive until its deadline, inclusive. Every response carries {@link #info()},
 * candidates included.
 *
 * <p>Serve it with any registry server (it is a {@link RegistryHandler}) or bind it to the
 * {@code mem} transport with {@link MemNetwork}. Instants are read from the given clock. Thread-safe.
 */
public interface FakeRegistry extends RegistryHandler {

    /**
     * A new, empty registry.
     *
     * @param config how it behaves
     * @param clock  the clock of the hearts it serves, usually a {@link VirtualTime}
     * @return the registry
     */
    static FakeRegistry create(RegistryConfig config, TimeSource clock) {
        return new RecordingRegistry(Checks.notNull(config, "config"), Checks.notNull(clock, "clock"));
    }

    /**
     * How this registry behaves
     *
     * @return the configuration it was created with
     */
    RegistryConfig config();

    /**
     * The registry's own info, sent in every response
     *
     * @return the registry's info
     */
    RegistryInfo info();

    /**
     * The registrants alive now, in the order of their last beat; a snapshot.
     *
     * @return an unmodifiable snapshot
     */
    List<RegistrantInfo> alive();

    /**
     * Whether the registrant with this id is alive now.
     *
     * @param registrantId the registrant's id
     * @return true when it is registered and its deadline has not passed
     */
    boolean isAlive(String registrantId);

    /**
     * Every request handled, in arrival order, with its answer; a snapshot.
     *
     * @return an unmodifiable snapshot
     */
    List<Arrival> arrivals();

    /**
     * Every registrant dropped because its deadline passed, in order; a snapshot.
     *
     * @return an unmodifiable snapshot
     */
    List<Expiry> expiries();

    /**
     * When each crash and restart happened; a snapshot.
     *
     * @return an unmodifiable snapshot of times on the registry's clock
     */
    List<Duration> restarts();

    /** Crashes and restarts: the registry forgets every registrant (no expiry is recorded). */
    void restart();

    /**
     * Removes one registration behind its registrant's back, as an operator or a deleted etcd key
     * would: no expiry is recorded; its next beat registers it anew.
     *
     * @param registrant whom to forget
     */
    void forget(RegistrantInfo registrant);

    /**
     * One request the registry handled.
     *
     * @param at       when it arrived
     * @param request  what arrived
     * @param response the answer
     */
    record Arrival(Duration at, Request request, Response response) {
        /**
         * Whether this was an accepted beat (not a rejection, not a disconnect).
         *
         * @return true for an accepted beat
         */
        public boolean accepted() {
            return !response.reject() && !request.disconnect();
        }

        /**
         * The registrant's id.
         *
         * @return the id of the registrant that sent the request
         */
        public String registrantId() {
            return request.registrant().id();
        }
    }

    /**
     * A registrant dropped because it did not beat in time.
     *
     * @param at         its deadline: when it expired
     * @param registrant who expired
     * @param lastBeat   when its last accepted beat arrived
     */
    record Expiry(Duration at, RegistrantInfo registrant, Duration lastBeat) {}
}
