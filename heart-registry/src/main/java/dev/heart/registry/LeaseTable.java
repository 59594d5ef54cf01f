package dev.heart.registry;

import dev.heart.api.LeaseToken;
import dev.heart.api.RegistrantInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

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
    /** The same entries, looked up without changing their order (a refused request is no beat). */
    private final Map<Object, Entry> index = new HashMap<>();
    /** The bytes the entries hold, as {@link #bytesOf} counts them. */
    private long bytes;

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
    @Nullable
    Entry renewable(Object key) {
        return entries.get(key);
    }

    /** The entry of {@code key} where it is, or null. */
    @Nullable
    Entry peek(Object key) {
        return index.get(key);
    }

    boolean contains(Object key) {
        return entries.containsKey(key);
    }

    boolean remove(Object key) {
        Entry removed = entries.remove(key);
        if (removed == null) {
            return false;
        }
        index.remove(key);
        bytes -= removed.bytes;
        return true;
    }

    /** The bytes all entries hold. */
    long bytes() {
        return bytes;
    }

    /**
     * The bytes a registrant's entry holds, counted as a JVM keeps them: the characters of its id,
     * service type and attributes (two bytes each, a safe bound for Latin-1 and UTF-16 strings),
     * plus a fixed overhead per entry, per string and per attribute.
     */
    static long bytesOf(RegistrantInfo registrant) {
        long total =
                160 + 2L * (registrant.id().length() + registrant.serviceType().length());
        for (Map.Entry<String, String> attribute : registrant.attributes().entrySet()) {
            total += 96
                    + 2L * (attribute.getKey().length() + attribute.getValue().length());
        }
        return total;
    }

    /** A new registration at {@code now}, with the base lease. */
    void register(Object key, RegistrantInfo registrant, @Nullable LeaseToken token, long now) {
        Entry entry = new Entry(key, registrant, now, now + leaseNanos, token, bytesOf(registrant));
        entries.put(key, entry);
        index.put(key, entry);
        bytes += entry.bytes;
    }

    /** Renews {@code entry} at {@code now}; returns the lease given. */
    Duration renew(Entry entry, RegistrantInfo by, long now) {
        Duration given = leaseFor(entry.beats);
        if (by != entry.registrant) {
            long size = bytesOf(by);
            bytes += size - entry.bytes;
            entry.bytes = size;
        }
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
        index.clear();
        bytes = 0;
        return count;
    }

    List<RegistrantInfo> registrants() {
        return entries.values().stream().map(entry -> entry.registrant).toList();
    }

    /** Removes the entries whose deadline passed; returns them (with the count after each), or null for none. */
    @Nullable
    List<Entry> dropExpired(long now) {
        @Nullable List<Entry> dropped = null;
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext()) {
            Entry entry = it.next();
            if (entry.deadline - now < 0) {
                it.remove();
                index.remove(entry.key);
                bytes -= entry.bytes;
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

    private record Key(String serviceType, String id) {}

    /** One live registrant. */
    static final class Entry {
        RegistrantInfo registrant;
        long lastBeat;
        long deadline;
        int beats = 1;
        int countAfter;
        final Object key;
        /** The owner's secret, or null when the registry issues none. */
        final @Nullable LeaseToken token;

        long bytes;

        Entry(
                Object key,
                RegistrantInfo registrant,
                long lastBeat,
                long deadline,
                @Nullable LeaseToken token,
                long bytes) {
            this.key = key;
            this.registrant = registrant;
            this.lastBeat = lastBeat;
            this.deadline = deadline;
            this.token = token;
            this.bytes = bytes;
        }
    }
}
