package dev.heart.testkit;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A beater that keeps the ready-made beaters' contract (docs/semantics.md §9), and seven that each
 * break it in one planted way, to prove the testkit's properties catch each. One instance drives
 * any number of registrants: state is kept per registrant (the simulation is single-threaded).
 */
final class PlantedBeaters {
    static final Duration ATTEMPT = Duration.ofSeconds(1);
    static final Duration BASE = Duration.ofMillis(100);
    static final Duration CAP = Duration.ofSeconds(2);

    private PlantedBeaters() {}

    /** What each planted beater gets wrong; {@link #NONE} keeps the contract. */
    enum Bug {
        NONE,
        ATTEMPT_TIMEOUT_EQUALS_LEASE,
        RENEWS_AT_THE_DEADLINE,
        BACKOFF_NEVER_RESETS,
        NO_REREGISTRATION_ON_NOT_REGISTERED,
        GIVES_UP_AFTER_ONE_FAILED_BEAT,
        STATE_SHARED_BETWEEN_REGISTRANTS,
        /** On "not registered", registers again with the last request accepted for any registrant. */
        REREGISTERS_WITH_ANOTHER_REGISTRANTS_REQUEST
    }

    /** A new beater with {@code bug}. */
    static HeartBeater with(Bug bug) {
        return new Planted(bug);
    }

    private static final class Planted implements HeartBeater {
        private final Bug bug;
        private final SplittableRandom random = new SplittableRandom(7);
        private final Map<String, Integer> failures = new HashMap<>();
        private OutgoingRequest shared; // used only by STATE_SHARED_BETWEEN_REGISTRANTS
        private OutgoingRequest lastAccepted; // used only by REREGISTERS_WITH_ANOTHER_REGISTRANTS_REQUEST

        Planted(Bug bug) {
            this.bug = bug;
        }

        private OutgoingRequest request(NextBeat next) {
            if (bug == Bug.STATE_SHARED_BETWEEN_REGISTRANTS) {
                if (shared == null) {
                    shared = next.lastRequest(); // the first registrant's request, kept for all
                }
                return shared;
            }
            return next.lastRequest();
        }

        private String id(NextBeat next) {
            return next.lastRequest().request().registrant().id();
        }

        @Override
        public void beat(BeatAnswer next) {
            Response response = next.response();
            OutgoingRequest request = request(next);
            if (response.reject()) {
                if (response.notRegistered()
                        && bug == Bug.REREGISTERS_WITH_ANOTHER_REGISTRANTS_REQUEST
                        && lastAccepted != null) {
                    next.send(
                            lastAccepted,
                            Attempts.of(ATTEMPT, 1),
                            Duration.ZERO); // the planted bug: whoever was accepted last
                } else if (response.notRegistered() && bug != Bug.NO_REREGISTRATION_ON_NOT_REGISTERED) {
                    next.send(request, Attempts.of(ATTEMPT, 1), Duration.ZERO); // register again at once
                } else {
                    // the planted bug: a fixed fallback as the old LeaseFollowingBeater had
                    next.send(request, Attempts.of(ATTEMPT, 1), Duration.ofSeconds(10));
                }
                return;
            }
            if (bug != Bug.BACKOFF_NEVER_RESETS) {
                failures.remove(
                        id(next)); // the planted bug keeps the streak: the next outage starts where this one ended
            }
            lastAccepted = request;
            Duration lease = response.timeout();
            Duration attempt = lease.dividedBy(8).compareTo(ATTEMPT) < 0 ? lease.dividedBy(8) : ATTEMPT;
            switch (bug) {
                case ATTEMPT_TIMEOUT_EQUALS_LEASE -> next.send(request, Attempts.of(lease, 1), lease.dividedBy(3));
                case RENEWS_AT_THE_DEADLINE -> next.send(request, Attempts.of(attempt, 1), lease);
                default -> next.send(request, Attempts.of(attempt, 1), lease.dividedBy(3));
            }
        }

        @Override
        public void beatFailed(BeatFailure next) {
            if (bug == Bug.GIVES_UP_AFTER_ONE_FAILED_BEAT) {
                return; // the seed's behaviour: the beating ends
            }
            int n = failures.merge(id(next), 1, Integer::sum);
            Duration ceiling = BASE.multipliedBy(1L << Math.min(10, n - 1));
            ceiling = ceiling.compareTo(CAP) > 0 ? CAP : ceiling;
            Duration wait = Duration.ofNanos((long) (random.nextDouble() * ceiling.toNanos())); // full jitter
            next.send(request(next), Attempts.of(ATTEMPT, 1), wait);
        }

        @Override
        public String toString() {
            return "Planted[" + bug + "]";
        }
    }
}
