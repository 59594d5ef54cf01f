package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A registry's answer to one {@link Request}.
 *
 * @param registry     who answered
 * @param timeout      the registry's deadline for the next beat: a registrant that does not beat
 *                     again within it is dropped. Not negative; zero on a rejection means
 *                     "none"
 * @param reject       true when the registry refuses the registrant (wrong service type, full,
 *                     disconnected, unknown). A rejection is still a successful exchange: it reaches
 *                     the beater
 * @param rejectReason why it was rejected: not null when {@code reject}, null when accepted
 * @param token        the lease token the registrant must carry in its next requests (see
 *                     {@link LeaseToken}); null when the registry issues none
 */
public record Response(
        RegistryInfo registry,
        Duration timeout,
        boolean reject,
        @Nullable RejectReason rejectReason,
        @Nullable LeaseToken token) {

    /**
     * Validates the components.
     *
     * @param registry     who answered
     * @param timeout      the deadline for the next beat; not negative
     * @param reject       true for a rejection
     * @param rejectReason why it was rejected: not null when {@code reject}, null otherwise
     * @param token        the lease token; null for none
     */
    public Response {
        Checks.notNull(registry, "registry");
        Checks.notNegative(timeout, "timeout");
        if (reject && rejectReason == null) {
            throw new IllegalArgumentException("rejectReason must not be null on a rejection");
        }
        if (!reject && rejectReason != null) {
            throw new IllegalArgumentException("rejectReason must be null on an acceptance, got " + rejectReason);
        }
    }

    /**
     * A response without a token; a rejection's reason is {@link RejectReason#UNSPECIFIED}.
     *
     * @param registry who answered
     * @param timeout  the deadline for the next beat; not negative
     * @param reject   true for a rejection
     */
    public Response(RegistryInfo registry, Duration timeout, boolean reject) {
        this(registry, timeout, reject, reject ? RejectReason.UNSPECIFIED : null, null);
    }

    /**
     * An acceptance with the deadline {@code timeout} for the next beat.
     *
     * @param registry who answered
     * @param timeout  the deadline; not negative
     * @return the response, without a token
     */
    public static Response accept(RegistryInfo registry, Duration timeout) {
        return new Response(registry, timeout, false, null, null);
    }

    /**
     * An acceptance carrying the registrant's lease token.
     *
     * @param registry who answered
     * @param timeout  the deadline; not negative
     * @param token    the lease token; null for none
     * @return the response
     */
    public static Response accept(RegistryInfo registry, Duration timeout, @Nullable LeaseToken token) {
        return new Response(registry, timeout, false, null, token);
    }

    /**
     * A rejection with no reason given ({@link RejectReason#UNSPECIFIED}).
     *
     * @param registry who answered
     * @return the response
     */
    public static Response reject(RegistryInfo registry) {
        return reject(registry, RejectReason.UNSPECIFIED);
    }

    /**
     * A rejection for {@code reason}.
     *
     * @param registry who answered
     * @param reason   why
     * @return the response
     */
    public static Response reject(RegistryInfo registry, RejectReason reason) {
        return new Response(registry, Duration.ZERO, true, Checks.notNull(reason, "reason"), null);
    }

    /**
     * Whether this is a rejection saying the registry does not know the registrant (lease gone,
     * registry restarted, registration removed): the registrant should register again at once.
     *
     * @return true for {@link RejectReason#NOT_REGISTERED}
     */
    public boolean notRegistered() {
        return reject && rejectReason == RejectReason.NOT_REGISTERED;
    }

    /**
     * Equal when every component is, as for any record; written out so that the engine's check
     * on each answer (is it the same as the last?) costs a few comparisons, the registry compared
     * by identity first (a transport that decodes an unchanged registry hands back the same one).
     */
    @Override
    public boolean equals(@Nullable Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Response)) {
            return false;
        }
        Response other = (Response) o;
        return reject == other.reject
                && rejectReason == other.rejectReason
                && timeout.equals(other.timeout)
                && Objects.equals(token, other.token)
                && (registry == other.registry || registry.equals(other.registry));
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, timeout, reject, rejectReason, token);
    }
}
