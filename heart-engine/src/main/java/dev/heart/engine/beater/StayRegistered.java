package dev.heart.engine.beater;

import dev.heart.api.BeatFailedException;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link LeaseFollowingBeater} and {@link FixedRateBeater} do when something goes wrong
 * (spec §9): a failed beat or a rejection worth retrying waits a {@link Recovery} backoff and tries
 * again; "not registered" registers again at once; "never" follows the {@link OnReject} policy and
 * is logged once per registrant. Thread-safe.
 */
final class StayRegistered {
    static final Logger LOG = LoggerFactory.getLogger("dev.heart.engine.beater");

    private final String owner;
    private final Recovery recovery;
    private final OnReject onReject;

    StayRegistered(String owner, Recovery recovery, OnReject onReject) {
        this.owner = owner;
        this.recovery = recovery;
        this.onReject = onReject;
    }

    static Recovery.Key key(OutgoingRequest request) {
        return new Recovery.Key(request.request().registrant().id(), request.target());
    }

    /** The same registrant, as a new registration: no lease token, not a disconnect. */
    static OutgoingRequest fresh(OutgoingRequest request) {
        return new OutgoingRequest(request.request().asBeat().withToken(null), request.target());
    }

    Recovery recovery() {
        return recovery;
    }

    /** An accepted response: whatever went wrong before is over. */
    void accepted(OutgoingRequest request) {
        recovery.succeeded(key(request));
    }

    /**
     * A rejection: decides the next beat on {@code next}, or none when the beating should end.
     *
     * @param timeout the bound of each attempt of a retry or a new registration
     * @param retryN  the retransmissions of a new registration
     */
    void rejected(Response response, OutgoingRequest request, Duration timeout, int retryN, NextBeat next) {
        Recovery.Key key = key(request);
        switch (response.rejectReason()) {
            case NOT_REGISTERED, DISCONNECTED -> {
                Duration wait = recovery.notRegistered(key);
                if (wait == null) {
                    giveUp(key, "rejected as " + response.rejectReason());
                    return;
                }
                LOG.debug("{} not registered at {}: registering again in {} ms", key.registrant(), key.target(),
                        wait.toMillis());
                next.send(fresh(request), timeout, retryN, wait);
            }
            case FORBIDDEN -> {
                boolean first = recovery.firstForbidden(key);
                if (onReject == OnReject.STOP) {
                    recovery.ended(key);
                    LOG.warn("{} refused for good by {} ({}): stopping, as {} is set to {}", key.registrant(),
                            key.target(), response.registry().id(), owner, OnReject.STOP);
                    return;
                }
                if (first) {
                    LOG.warn("{} refused for good by {} ({}): trying again with backoff, as {} is set to {}"
                            + " (logged once)", key.registrant(), key.target(), response.registry().id(), owner,
                            OnReject.REREGISTER);
                }
                retryLater(key, request, timeout, next, "refused");
            }
            case CAPACITY, UNSPECIFIED -> retryLater(key, request, timeout, next, "rejected as "
                    + response.rejectReason());
        }
    }

    /** A failed beat: try again after a backoff, unless the limit is reached. */
    void failed(BeatFailedException failure, OutgoingRequest request, Duration timeout, NextBeat next) {
        retryLater(key(request), request, timeout, next, failure.getMessage());
    }

    private void retryLater(Recovery.Key key, OutgoingRequest request, Duration timeout, NextBeat next, String why) {
        Duration wait = recovery.failed(key);
        if (wait == null) {
            giveUp(key, why);
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} at {}: {} (failure {} in a row); trying again in {} ms", key.registrant(), key.target(),
                    why, recovery.failures(key), wait.toMillis());
        }
        next.send(request, timeout, 0, wait);
    }

    private void giveUp(Recovery.Key key, String why) {
        LOG.warn("{} at {}: giving up after {} of failures, as set by giveUpAfter; last: {}", key.registrant(),
                key.target(), recovery.settings().giveUpAfter(), why);
    }
}
