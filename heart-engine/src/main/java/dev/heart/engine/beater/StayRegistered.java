package dev.heart.engine.beater;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the ready-made beaters do when something goes wrong ({@link Recovery}, spec §9): a failed
 * beat or a rejection worth retrying waits a backoff and tries again; "not registered" registers
 * again at once; "forbidden" follows the {@link OnReject} policy, with a WARN at most once a minute
 * per beater. Thread-safe; per-beating state lives in {@link Troubles}.
 */
final class StayRegistered {
    static final Logger LOG = LoggerFactory.getLogger("dev.heart.engine.beater");
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final String owner;
    private final Troubles troubles;
    private final Logger log;
    /** When the last forbidden WARN was logged (heart clock), and how many were held back since. */
    private final AtomicLong lastForbiddenWarn = new AtomicLong(Long.MIN_VALUE);

    private final AtomicLong heldBack = new AtomicLong();

    StayRegistered(String owner, Recovery settings) {
        this.owner = owner;
        this.troubles = new Troubles(owner, settings);
        this.log = settings.log();
    }

    /** The same registrant, as a new registration: no lease token, not a disconnect. */
    static OutgoingRequest fresh(OutgoingRequest request) {
        return new OutgoingRequest(request.request().asBeat().withToken(null), request.target());
    }

    Troubles troubles() {
        return troubles;
    }

    Recovery settings() {
        return troubles.settings();
    }

    /** An accepted response: whatever went wrong before is over. */
    void accepted(NextBeat beat) {
        troubles.succeeded(beat);
    }

    /**
     * A rejection: decides the next beat, or none when the beating should end.
     *
     * @param attempts the attempts of a new registration; a retry sends one attempt of the same bound
     */
    void rejected(BeatAnswer answer, OutgoingRequest request, Attempts attempts) {
        Response response = answer.response();
        switch (Objects.requireNonNull(response.rejectReason(), "a rejection has a reason")) {
            case NOT_REGISTERED, DISCONNECTED -> {
                Duration wait = troubles.notRegistered(answer);
                if (wait == null) {
                    giveUp(request, "rejected as " + response.rejectReason());
                    return;
                }
                LOG.debug(
                        "{} not registered at {}: registering again in {} ms",
                        id(request),
                        request.target(),
                        wait.toMillis());
                answer.send(fresh(request), attempts, wait);
            }
            case FORBIDDEN -> {
                if (settings().onForbidden() == OnReject.STOP) {
                    troubles.ended(answer);
                    stopOnForbidden(request, response);
                    return;
                }
                Duration wait = troubles.forbidden(answer);
                if (wait == null) {
                    giveUp(request, "refused");
                    return;
                }
                warnForbidden(answer, request, response, wait);
                answer.send(request, Attempts.once(attempts.timeout()), wait);
            }
            case CAPACITY, UNSPECIFIED ->
                retryLater(answer, request, attempts, "rejected as " + response.rejectReason());
        }
    }

    /** A failed beat: try again after a backoff, unless the limit is reached. */
    void failed(NextBeat beat, @Nullable String why, OutgoingRequest request, Attempts attempts) {
        retryLater(beat, request, attempts, why);
    }

    private void retryLater(NextBeat beat, OutgoingRequest request, Attempts attempts, @Nullable String why) {
        Duration wait = troubles.failed(beat);
        if (wait == null) {
            giveUp(request, why);
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "{} at {}: {} (failure {} in a row); trying again in {} ms",
                    id(request),
                    request.target(),
                    why,
                    troubles.failures(beat),
                    wait.toMillis());
        }
        beat.send(request, Attempts.once(attempts.timeout()), wait);
    }

    void warnForbidden(NextBeat beat, OutgoingRequest request, Response response, Duration wait) {
        long now = beat.nanoTime();
        long last = lastForbiddenWarn.get();
        if (last != Long.MIN_VALUE && now - last < WARN_EVERY_NANOS || !lastForbiddenWarn.compareAndSet(last, now)) {
            heldBack.incrementAndGet();
            return;
        }
        long others = heldBack.getAndSet(0);
        log.warn(
                "{} refused by {} ({}): trying again in {} ms, backoff up to {} ({} keeps trying on forbidden;"
                        + " {} more such refusals in the last minute)",
                id(request),
                request.target(),
                response.registry().id(),
                wait.toMillis(),
                settings().forbiddenBackoffCap(),
                owner,
                others);
    }

    /** The beating ends on a forbidden rejection, as {@link OnReject#STOP} says. */
    void stopOnForbidden(OutgoingRequest request, Response response) {
        log.warn(
                "{} refused by {} ({}): stopping, as {} is set to stop on forbidden",
                id(request),
                request.target(),
                response.registry().id(),
                owner);
    }

    void giveUp(OutgoingRequest request, @Nullable String why) {
        log.warn(
                "{} at {}: giving up after {} of failures, as set by giveUpAfter; last: {}",
                id(request),
                request.target(),
                settings().giveUpAfter().orElse(null),
                why);
    }

    private static String id(OutgoingRequest request) {
        return request.request().registrant().id();
    }
}
