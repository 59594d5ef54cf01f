package dev.heart.registry;

import dev.heart.api.RegistrantInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The live registrants of a {@link LeaseRegistry} and the lease arithmetic: one entry per
 * registrant, kept in the order of its last beat, so that a sweep stops at the first entry that
 * surely lives (every later one beat later and holds at least the base lease).
 *
 * <p>Not thread-safe: the registry's lock guards every call.
 */
final class LeaseTable {
    private final Duration lease;
    private final long leaseNanos;
    private final Duration growth;
    private final Duration maxLease;
    /** Access-ordered: a renewal's {@code get} moves the entry to the end, so the order is by last beat. */
    private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    LeaseTable(Duration lease, Duration growth, Duration maxLease) {
        this.lease = lease;
        this.leaseNanos = lease.toNanos();
        this.growth = growth;
        this.maxLease = maxLease;
    }

    /** The key of a registrant: its id alone when the registry serves one service type. */
    static Object key(boolean anyService, String serviceType, String id) {
        return anyService ? new Key(serviceType, id) : id;
    }

    boolean growing() {
        return !growth.isZero();
    }

    /** The lease of a registrant's {@code renewals}-th consecutive renewal (0: its registration). */
    Duration leaseFor(int renewals) {
        if (!growing()) {
            return lease;
        }
        Duration grown = lease.plus(growth.multipliedBy(renewals));
        return grown.compareTo(maxLease) > 0 ? maxLease : grown;
    }

    /** The entry of {@code key}, moved to the end as the latest beat, or null. */
    Entry renewable(Object key) {
        return entries.get(key);
    }

    boolean contains(Object key) {
        return entries.containsKey(key);
    }

    boolean remove(Object key) {
        return entries.remove(key) != null;
    }

    /** A new registration at {@code now}, with the base lease. */
    void register(Object key, RegistrantInfo registrant, long now) {
        entries.put(key, new Entry(registrant, now, now + leaseNanos));
    }

    /** Renews {@code entry} at {@code now}; returns the lease given. */
    Duration renew(Entry entry, RegistrantInfo by, long now) {
        Duration given = leaseFor(entry.beats);
        entry.registrant = by;
        entry.lastBeat = now;
        entry.deadline = now + (growing() ? given.toNanos() : leaseNanos);
        entry.beats++;
        return given;
    }

    int size() {
        return entries.size();
    }

    int clear() {
        int count = entries.size();
        entries.clear();
        return count;
    }

    List<RegistrantInfo> registrants() {
        return entries.values().stream().map(entry -> entry.registrant).toList();
    }

    /** Removes the entries whose deadline passed; returns them (with the count after each), or null for none. */
    List<Entry> dropExpired(long now) {
        List<Entry> dropped = null;
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.deadline - now < 0) {
                it.remove();
                if (dropped == null) {
                    dropped = new ArrayList<>();
                }
                entry.countAfter = entries.size();
                dropped.add(entry);
            } else if (entry.lastBeat + leaseNanos - now >= 0) {
                break; // every later entry beat later and holds at least the base lease: alive
            }
        }
        return dropped;
    }

    private record Key(String serviceType, String id) {
    }

    /** One live registrant. */
    static final class Entry {
        RegistrantInfo registrant;
        long lastBeat;
        long deadline;
        int beats = 1;
        int countAfter;

        Entry(RegistrantInfo registrant, long lastBeat, long deadline) {
            this.registrant = registrant;
            this.lastBeat = lastBeat;
            this.deadline = deadline;
        }
    }
}
