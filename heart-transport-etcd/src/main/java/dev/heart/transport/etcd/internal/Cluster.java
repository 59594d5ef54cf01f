package dev.heart.transport.etcd.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd cluster behind one target: one registry, whose members are other doors to the same
 * keyspace and leases. Beats to the target go to the member in use ({@link #current()}); when
 * that member becomes unreachable, the cluster moves to the next member of its last known member
 * list, with the target's scheme only (an {@code etcds} target never moves to a plaintext member),
 * taking the registrations' tracking with it. The leases stay valid (they are the cluster's), so
 * the next keepalive, sent to the new member, keeps the same key alive. Thread-safe.
 */
final class Cluster {
    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final Target target;
    private volatile Endpoint current;

    Cluster(Target target, Endpoint first) {
        this.target = target;
        this.current = first;
    }

    /** The member beats go to now. */
    Endpoint current() {
        return current;
    }

    /**
     * {@code failed} could not be reached: when it is the member in use, moves to the next one.
     *
     * @param members the endpoint of a member's target (created on first use)
     */
    void unreachable(Endpoint failed, Function<Target, Endpoint> members) {
        if (current != failed) {
            return;
        }
        Members known = failed.knownMembers();
        URI next = next(known, target.secure(), failed.uri());
        if (next == null) {
            return;
        }
        Endpoint moved = members.apply(Target.of(next));
        moved.adoptMembers(known);
        synchronized (this) {
            if (current != failed) {
                return;
            }
            current = moved;
        }
        failed.moveTrackedTo(moved);
        moved.authenticated(); // log in now (when the transport authenticates), before the keepalive stream opens
        LOG.info(
                "etcd member {} of {} is unreachable: its registrations continue at member {}",
                failed.uri(),
                target.uri(),
                moved.uri());
    }

    /**
     * The member after {@code failed} in {@code known}'s order, among those with the target's
     * scheme ({@code etcds} for a TLS target, {@code etcd} for a plaintext one), or null when
     * there is none.
     */
    static @Nullable URI next(Members known, boolean secure, URI failed) {
        String scheme = secure ? Names.TLS_SCHEME : Names.SCHEME;
        List<URI> doors = new ArrayList<>();
        for (Members.Entry member : known.members()) {
            for (URI door : member.targets()) {
                if (door.getScheme().equals(scheme) && !doors.contains(door)) {
                    doors.add(door);
                }
            }
        }
        int at = doors.indexOf(failed);
        for (int i = 1; i <= doors.size(); i++) {
            URI candidate = doors.get(Math.floorMod(at + i, doors.size()));
            if (!candidate.equals(failed)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "Cluster[" + target.uri() + " at " + current.uri() + "]";
    }
}
