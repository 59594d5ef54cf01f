package dev.heart.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Whether the faults of a simulation explain a gap in a registrant's accepted beats. */
final class Gaps {
    private Gaps() {}

    static boolean explained(
            SimulationResult run,
            SimulationResult.BeatingResult beating,
            Duration from,
            Duration to,
            Duration deadline) {
        Duration leaseEnd = from.plus(deadline);
        for (Delivery delivery : run.deliveries()) {
            if (delivery.at().compareTo(from) < 0 || delivery.at().compareTo(to) > 0) {
                continue;
            }
            Fault fault = delivery.fault();
            if (fault instanceof Fault.CrashRestart || fault instanceof Fault.Reject) {
                return true;
            }
            if (fault instanceof Fault.Partition partition
                    && delivery.at().plus(partition.period()).compareTo(leaseEnd) >= 0) {
                return true;
            }
            if (fault instanceof Fault.Pause pause
                    && delivery.at().plus(pause.pause()).compareTo(leaseEnd) >= 0) {
                return true;
            }
        }
        return aBeatWasLostToFaults(run.deliveries(), beating.timeline(), from, to);
    }

    /** A beat failed within the gap, and every one of its attempts met a fault. */
    private static boolean aBeatWasLostToFaults(
            List<Delivery> deliveries, Timeline timeline, Duration from, Duration to) {
        List<Event.Sent> attempts = new ArrayList<>();
        List<Delivery> unused = new ArrayList<>(deliveries);
        for (Event event : timeline.events()) {
            if (event instanceof Event.Started || event instanceof Event.Continued) {
                attempts.clear();
            } else if (event instanceof Event.Sent sent) {
                attempts.add(sent);
            } else if (event instanceof Event.BeatFailed failed
                    && failed.at().compareTo(from) >= 0
                    && failed.at().compareTo(to) <= 0
                    && !attempts.isEmpty()
                    && attempts.stream().allMatch(sent -> !faultOf(sent, unused).isNone())) {
                return true;
            }
        }
        return false;
    }

    /** The fault the delivery of {@code sent} met (each delivery matched once). */
    private static Fault faultOf(Event.Sent sent, List<Delivery> unused) {
        for (int i = 0; i < unused.size(); i++) {
            Delivery delivery = unused.get(i);
            if (delivery.at().equals(sent.at())
                    && delivery.request().equals(sent.request().request())) {
                unused.remove(i);
                return delivery.fault();
            }
        }
        return Fault.none();
    }
}
