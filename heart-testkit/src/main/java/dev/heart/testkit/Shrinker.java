package dev.heart.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Makes a failing fault plan as small and as early as it goes while it still fails: drops the
 * random faults, removes each fault it can, and moves the rest as early as they go by removing
 * the healthy requests before them; then makes the registry plainer (a fixed deadline in whole
 * seconds, no candidates) where it still fails. Each try is one simulation; the number of tries
 * is bounded.
 */
final class Shrinker {
    private static final int MAX_TRIES = 400;

    private final Function<Scenario, @Nullable String> problem;
    private final int healthyAfter;
    private int tries;

    /**
     * @param problem      what fails in a scenario, or null when it passes
     * @param healthyAfter healthy requests a shrunk script keeps after each fault (0: none), so
     *                     that a property's isolated faults stay isolated
     */
    Shrinker(Function<Scenario, @Nullable String> problem, int healthyAfter) {
        this.problem = problem;
        this.healthyAfter = healthyAfter;
    }

    /** The smallest, earliest failing variant of {@code failing} found, with its problem. */
    Failure shrink(Failure failing) {
        Failure best = failing;
        if (!best.scenario().faults().rates().isNone()) {
            best = attempt(best, best.scenario().faults().withRates(FaultRates.none()));
        }
        boolean changed = true;
        while (changed && tries < MAX_TRIES) {
            changed = false;
            List<Fault> script = best.scenario().faults().script();
            for (int i = script.size() - 1; i >= 0 && tries < MAX_TRIES; i--) {
                if (!script.get(i).isNone()) {
                    List<Fault> without = new ArrayList<>(script);
                    without.set(i, Fault.none());
                    Failure smaller = attempt(best, best.scenario().faults().withScript(trim(without)));
                    if (smaller != best) {
                        best = smaller;
                        changed = true;
                        break;
                    }
                }
            }
            if (changed) {
                continue;
            }
            script = best.scenario().faults().script();
            for (int i = 0; i < script.size() && tries < MAX_TRIES; i++) {
                if (script.get(i).isNone()) {
                    List<Fault> earlier = new ArrayList<>(script);
                    earlier.remove(i);
                    Failure moved = attempt(best, best.scenario().faults().withScript(trim(earlier)));
                    if (moved != best) {
                        best = moved;
                        changed = true;
                        break;
                    }
                }
            }
        }
        return plainerRegistry(best);
    }

    /** Then the registry as plain as it goes while it still fails: a fixed deadline in whole seconds, no candidates. */
    private Failure plainerRegistry(Failure failing) {
        Failure best = failing;
        RegistryConfig r = best.scenario().registry();
        best = attempt(
                best,
                new RegistryConfig(
                        r.id(),
                        r.serviceType(),
                        r.address(),
                        r.candidates(),
                        r.capacity(),
                        r.deadline(),
                        Duration.ZERO,
                        r.deadline()));
        r = best.scenario().registry();
        if (!r.candidates().isEmpty()) {
            best = attempt(best, r.withCandidates(List.of()));
        }
        r = best.scenario().registry();
        Duration seconds = Duration.ofSeconds(Math.max(1, r.deadline().toSeconds()));
        if (!seconds.equals(r.deadline())) {
            Duration max = r.maxDeadline().compareTo(seconds) < 0 ? seconds : r.maxDeadline();
            best = attempt(
                    best,
                    new RegistryConfig(
                            r.id(),
                            r.serviceType(),
                            r.address(),
                            r.candidates(),
                            r.capacity(),
                            seconds,
                            r.deadlineStep(),
                            max));
        }
        return best;
    }

    private Failure attempt(Failure best, RegistryConfig candidate) {
        if (candidate.equals(best.scenario().registry()) || tries >= MAX_TRIES + 3) {
            return best;
        }
        tries++;
        Scenario s = best.scenario();
        Scenario scenario =
                new Scenario(candidate, s.faults(), s.registrants(), s.duration(), s.firstTimeout(), s.firstRetries());
        String found = problem.apply(scenario);
        return found == null ? best : new Failure(scenario, found);
    }

    private Failure attempt(Failure best, FaultPlan candidate) {
        if (!spaced(candidate.script())) {
            return best;
        }
        tries++;
        Scenario scenario = best.scenario().withFaults(candidate);
        String found = problem.apply(scenario);
        return found == null ? best : new Failure(scenario, found);
    }

    private boolean spaced(List<Fault> script) {
        for (int i = 0; i < script.size(); i++) {
            if (!script.get(i).isNone()) {
                for (int j = i + 1; j <= i + healthyAfter && j < script.size(); j++) {
                    if (!script.get(j).isNone()) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    private static List<Fault> trim(List<Fault> script) {
        int end = script.size();
        while (end > 0 && script.get(end - 1).isNone()) {
            end--;
        }
        return List.copyOf(script.subList(0, end));
    }

    /** A scenario and what failed in it. */
    record Failure(Scenario scenario, String problem) {
        /** Faults in the script, then its length: smaller is simpler. */
        long size() {
            long faults =
                    scenario.faults().script().stream().filter(f -> !f.isNone()).count();
            return faults * 10_000 + scenario.faults().script().size();
        }
    }
}
