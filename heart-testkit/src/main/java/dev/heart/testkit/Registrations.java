package dev.heart.testkit;

import dev.heart.api.RegistrantInfo;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What a simulation says about a registrant's registration at a given instant, and after each recovery. */
final class Registrations {
    private Registrations() {}

    /** Whether the registry held {@code registrant}'s registration at {@code at}. */
    static boolean registeredAt(SimulationResult run, RegistrantInfo registrant, Duration at) {
        String id = registrant.id();
        FakeRegistry.Arrival last = null;
        for (FakeRegistry.Arrival arrival : run.arrivals()) {
            if (arrival.at().compareTo(at) <= 0 && arrival.registrantId().equals(id)) {
                if (arrival.accepted()) {
                    last = arrival;
                } else if (arrival.request().disconnect()) {
                    last = null;
                }
            }
        }
        if (last == null || last.at().plus(last.response().timeout()).compareTo(at) < 0) {
            return false;
        }
        Duration since = last.at();
        if (run.registry().restarts().stream().anyMatch(r -> r.compareTo(since) > 0 && r.compareTo(at) <= 0)) {
            return false;
        }
        return run.deliveries().stream()
                .noneMatch(d -> d.fault() instanceof Fault.NotRegistered
                        && d.request().registrant().id().equals(id)
                        && d.at().compareTo(since) > 0
                        && d.at().compareTo(at) <= 0);
    }

    /**
     * The first registrant not registered {@code bound} after the registry answered again
     * following a fault (checked only where the window after the recovery is free of faults and
     * ends before the stop), as a message; null when every one was.
     */
    static @Nullable String notReRegistered(SimulationResult run, Duration bound) {
        List<Delivery> deliveries = run.deliveries();
        for (RegistrantInfo registrant : run.scenario().registrantInfos()) {
            for (int i = 0; i < deliveries.size(); i++) {
                Delivery delivery = deliveries.get(i);
                Duration recovered = recovery(
                        delivery, registrant, deliveries, i, run.registry().restarts());
                if (recovered == null) {
                    continue;
                }
                Duration due = recovered.plus(bound);
                if (due.compareTo(run.stoppedAt()) > 0
                        || otherFault(deliveries, i, recovered, due)
                        || (!(delivery.fault() instanceof Fault.CrashRestart)
                                && forgottenSilently(run, registrant, recovered, due))) {
                    continue;
                }
                if (!registeredAt(run, registrant, due)) {
                    return registrant.id() + " was not registered at " + Timeline.format(due) + ", "
                            + Timeline.format(bound)
                            + " after the registry answered again at " + Timeline.format(recovered) + " (fault #" + i
                            + " '" + delivery.fault() + "' at " + Timeline.format(delivery.at()) + ")\n"
                            + window(run, delivery.at().minusSeconds(1), due);
                }
            }
        }
        return null;
    }

    /** When the registry answers {@code registrant} again after the fault of {@code delivery}; null for none. */
    private static @Nullable Duration recovery(
            Delivery delivery,
            RegistrantInfo registrant,
            List<Delivery> deliveries,
            int index,
            List<Duration> restarts) {
        Fault fault = delivery.fault();
        boolean mine = delivery.request().registrant().id().equals(registrant.id());
        if (fault instanceof Fault.Partition partition) {
            return delivery.at().plus(partition.period());
        }
        if (fault instanceof Fault.CrashRestart) {
            // it forgot everyone silently, when it answered: count from the registrant's next
            // answered request after that
            Duration restart = restarts.stream()
                    .filter(r -> r.compareTo(delivery.at()) >= 0)
                    .findFirst()
                    .orElse(null);
            if (restart == null) {
                return null;
            }
            for (Delivery later : deliveries.subList(index + 1, deliveries.size())) {
                if (later.request().registrant().id().equals(registrant.id())
                        && later.fault().isNone()
                        && later.at().compareTo(restart) > 0) {
                    return later.at();
                }
            }
            return null;
        }
        if (mine
                && (fault instanceof Fault.NotRegistered
                        || fault instanceof Fault.TransportError
                        || fault instanceof Fault.Drop)) {
            return delivery.at();
        }
        return null;
    }

    /**
     * Whether another fault than the one at {@code index} (and the partition it began) falls
     * between it and {@code upTo}: then the window measures that other fault, which has its own.
     */
    private static boolean otherFault(List<Delivery> deliveries, int index, Duration recovered, Duration upTo) {
        Delivery own = deliveries.get(index);
        for (Delivery d : deliveries.subList(index + 1, deliveries.size())) {
            if (d.at().compareTo(upTo) > 0) {
                break;
            }
            boolean sameOutage = own.fault() instanceof Fault.Partition
                    && d.fault() instanceof Fault.Partition p
                    && d.at().plus(p.period()).compareTo(recovered) <= 0;
            if (!d.fault().isNone() && !sameOutage && d.at().compareTo(own.at()) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a restart forgot the registrant after its last accepted beat before {@code recovered}
     * and before {@code due}: then the restart's own check (from the registrant's next answered
     * request) applies, since nothing told the registrant.
     */
    private static boolean forgottenSilently(
            SimulationResult run, RegistrantInfo registrant, Duration recovered, Duration due) {
        Duration lastAccepted = Duration.ZERO;
        for (FakeRegistry.Arrival arrival : run.arrivals()) {
            if (arrival.accepted()
                    && arrival.registrantId().equals(registrant.id())
                    && arrival.at().compareTo(recovered) <= 0) {
                lastAccepted = arrival.at();
            }
        }
        Duration since = lastAccepted;
        return run.registry().restarts().stream().anyMatch(r -> r.compareTo(since) > 0 && r.compareTo(due) <= 0);
    }

    /** Every beating's events between {@code from} and {@code to}, at most 30 each. */
    static String window(SimulationResult run, Duration from, Duration to) {
        StringBuilder text = new StringBuilder();
        for (SimulationResult.BeatingResult beating :
                run.beatings().subList(0, Math.min(3, run.beatings().size()))) {
            text.append("timeline of ")
                    .append(beating.registrant().id())
                    .append(" from ")
                    .append(Timeline.format(from))
                    .append(" to ")
                    .append(Timeline.format(to))
                    .append(":\n");
            beating.timeline().events().stream()
                    .filter(e -> e.at().compareTo(from) >= 0 && e.at().compareTo(to) <= 0)
                    .limit(30)
                    .forEach(e -> text.append("  ").append(Timeline.line(e)).append('\n'));
        }
        return text.toString();
    }
}
