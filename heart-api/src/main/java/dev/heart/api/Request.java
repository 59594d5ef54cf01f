package dev.heart.api;

/**
 * One beat from a registrant to a registry.
 *
 * @param registrant who is beating; not null
 * @param disconnect true when the registrant leaves: the registry forgets it and rejects
 */
public record Request(RegistrantInfo registrant, boolean disconnect) {

    /** Validates the components. */
    public Request {
        Checks.notNull(registrant, "registrant");
    }

    /** A beat that keeps {@code registrant} registered. */
    public static Request beat(RegistrantInfo registrant) {
        return new Request(registrant, false);
    }

    /** This request with {@code disconnect = false}. */
    public Request asBeat() {
        return disconnect ? new Request(registrant, false) : this;
    }

    /** This request with {@code disconnect = true}. */
    public Request asDisconnect() {
        return disconnect ? this : new Request(registrant, true);
    }
}
