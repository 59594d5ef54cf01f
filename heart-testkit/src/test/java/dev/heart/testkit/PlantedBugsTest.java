package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.testkit.PlantedBeaters.Bug;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each planted bug is caught by a ready-made property, with a shrunk plan and a seed, in one
 * message whose lines are at most 160 characters; the beater that keeps the contract passes
 * every property (so none of them can pass by failing everything).
 */
class PlantedBugsTest {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final long SEED = 11L;

    private static BeaterCheck check(Bug bug, int registrants) {
        return BeaterCheck.forSharedBeater(() -> PlantedBeaters.with(bug))
                .registrants(registrants)
                .examples(60)
                .seed(SEED)
                .duration(Duration.ofMinutes(30));
    }

    private static String caught(Bug bug, int registrants, Consumer<BeaterCheck> property) {
        AssertionError failure = assertThrows(
                AssertionError.class, () -> property.accept(check(bug, registrants)), bug + " was not caught");
        String message = failure.getMessage();
        System.out.println("== " + bug + " ==\n" + message); // the report quotes these
        for (String line : message.split("\n")) {
            assertTrue(line.length() <= Timeline.MAX_LINE, "a line longer than 160 characters: " + line);
        }
        assertTrue(message.startsWith("beater check failed: "), message);
        assertTrue(message.contains("  plan:     FaultPlan["), message);
        assertTrue(
                message.indexOf("beater check failed") == message.lastIndexOf("beater check failed"),
                "one message, not the same text twice");
        return message;
    }

    @Test
    void theBeaterThatKeepsTheContractPassesEveryProperty() {
        check(Bug.NONE, 3).neverExpiresUnderIsolatedLosses();
        check(Bug.NONE, 3).reRegistersWithin(BOUND);
        check(Bug.NONE, 3).resetsBackoffAfterRecovery(PlantedBeaters.BASE);
        check(Bug.NONE, 3)
                .survives(
                        FaultPlan.scripted(Fault.partition(Duration.ofSeconds(3))),
                        FaultPlan.scripted(
                                Fault.none(),
                                Fault.partition(Duration.ofSeconds(40)),
                                Fault.none(),
                                Fault.crashRestart()),
                        FaultPlan.scripted(Fault.none(), Fault.notRegistered()));
    }

    @Test
    void anAttemptTimeoutEqualToTheLeaseExpiresAfterOneLostRequest() {
        String message = caught(Bug.ATTEMPT_TIMEOUT_EQUALS_LEASE, 1, BeaterCheck::neverExpiresUnderIsolatedLosses);
        assertTrue(message.contains("seed:     " + SEED), message);
        assertTrue(
                message.contains("script=[#1 drop] of 2"), "one lost request, the earliest that matters:\n" + message);
        assertTrue(
                Pattern.compile(
                                "registry: Registry\\[fake svc at mem://fake, capacity \\d+, deadline fixed PT(\\d+M)?(\\d+S)?]")
                        .matcher(message)
                        .find(),
                "the registry made plain: a fixed deadline in whole seconds, no candidates:\n" + message);
    }

    @Test
    void renewingAtTheDeadlineExpiresOnTheNetworkLatencyAloneWithNoFault() {
        String message = caught(Bug.RENEWS_AT_THE_DEADLINE, 1, BeaterCheck::neverExpiresUnderIsolatedLosses);
        assertTrue(message.contains("script=[] of 0"), "shrunk to no fault at all: latency is enough\n" + message);
    }

    /** Capped at 2 s, it keeps every registration alive: only the property about the backoff names it. */
    @Test
    void aBackoffThatNeverResetsIsCaughtByTheResetProperty() {
        check(Bug.BACKOFF_NEVER_RESETS, 1).neverExpiresUnderIsolatedLosses(); // not this property's job
        String message =
                caught(Bug.BACKOFF_NEVER_RESETS, 1, check -> check.resetsBackoffAfterRecovery(PlantedBeaters.BASE));
        assertTrue(message.startsWith("beater check failed: resets its backoff after recovery"), message);
        assertTrue(message.contains("its first failed beat after the accepted answer at "), message);
        assertTrue(message.contains("its backoff did not start over"), message);
    }

    @Test
    void reRegisteringWithAnotherRegistrantsRequestIsNamedWithBothRegistrants() {
        String message =
                caught(Bug.REREGISTERS_WITH_ANOTHER_REGISTRANTS_REQUEST, 3, check -> check.reRegistersWithin(BOUND));
        Matcher named = Pattern.compile(
                        "the beating of (r\\d+) \\(svc\\) (sent|was continued with) a request of another "
                                + "registrant, (r\\d+) \\(svc\\), at ")
                .matcher(message);
        assertTrue(named.find() && !named.group(1).equals(named.group(3)), message);
        assertTrue(message.contains("a beating sends only its own registrant's requests"), message);
    }

    @Test
    void notRegisteringAgainAtOnceAfterNotRegisteredIsCaught() {
        String message = caught(Bug.NO_REREGISTRATION_ON_NOT_REGISTERED, 1, check -> check.reRegistersWithin(BOUND));
        assertTrue(message.contains("not-registered"), message);
    }

    @Test
    void givingUpAfterOneFailedBeatDoesNotSurviveAShortPartition() {
        String message = caught(
                Bug.GIVES_UP_AFTER_ONE_FAILED_BEAT,
                1,
                check -> check.survives(
                        FaultPlan.scripted(Fault.none(), Fault.none(), Fault.partition(Duration.ofSeconds(4)))));
        assertTrue(message.contains("#0 partition"), "the partition moved as early as it goes:\n" + message);
        assertTrue(message.contains("its beating was over"), message);
    }

    @Test
    void perRegistrantStateSharedBetweenRegistrantsIsCaught() {
        String message = caught(Bug.STATE_SHARED_BETWEEN_REGISTRANTS, 3, BeaterCheck::neverExpiresUnderIsolatedLosses);
        assertTrue(message.contains("script=[] of 0"), "no fault needed:\n" + message);
        Matcher named = Pattern.compile(
                        "the beating of (r\\d+) \\(svc\\) was continued with a request of another registrant, (r\\d+) \\(svc\\)")
                .matcher(message);
        assertTrue(named.find() && !named.group(1).equals(named.group(2)), "named by the invariant:\n" + message);
    }
}
