package dev.heart.engine.beater;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a {@link FailoverBeater} knows about registries, shared by every registrant it drives: the
 * configured ones, and each registry seen with the candidates its last response named (at most 32
 * registries, 32 candidates each). Registry-level knowledge, not per registrant. Thread-safe.
 */
final class KnownRegistries {
    private static final int MAX_KNOWN = 32;

    private final List<URI> configured;
    /** Each registry seen, with the candidates its last response named; guarded by itself. */
    private final Map<URI, List<URI>> candidatesOf = new LinkedHashMap<>();

    KnownRegistries(List<URI> configured) {
        this.configured = List.copyOf(configured);
    }

    /** Every registry known, configured first. */
    List<URI> all() {
        Set<URI> all = new LinkedHashSet<>(configured);
        synchronized (candidatesOf) {
            candidatesOf.forEach((registry, candidates) -> {
                all.add(registry);
                all.addAll(candidates);
            });
        }
        return List.copyOf(all);
    }

    /**
     * Where a registrant in trouble goes next: a registry linked to {@code from} (see
     * {@link #reachableFrom}) or configured that has not failed it in this trouble; else, of those
     * that failed it, the least recent one that has ever answered (a candidate that never answered
     * is tried once per trouble, not in every round); else the least recent one.
     *
     * @param recentlyFailed the registries that failed it in this trouble, least recent first
     * @param usable         which learned registries it may move to (configured ones always)
     */
    URI choose(URI from, List<URI> recentlyFailed, Predicate<URI> usable) {
        List<URI> reachable = reachableFrom(from);
        reachable.removeIf(
                registry -> !registry.equals(from) && !configured.contains(registry) && !usable.test(registry));
        for (URI candidate : reachable) {
            if (!recentlyFailed.contains(candidate)) {
                return candidate;
            }
        }
        synchronized (candidatesOf) {
            for (URI failed : recentlyFailed) {
                if (reachable.contains(failed) && candidatesOf.containsKey(failed)) {
                    return failed;
                }
            }
        }
        for (URI failed : recentlyFailed) {
            if (reachable.contains(failed)) {
                return failed;
            }
        }
        return from;
    }

    /**
     * {@code from} and the registries linked to it, breadth first: those its responses named, and
     * those whose responses named it (a candidate that never answered leads back to its namer);
     * then the configured ones.
     */
    private List<URI> reachableFrom(URI from) {
        Set<URI> seen = new LinkedHashSet<>();
        seen.add(from);
        List<URI> queue = new ArrayList<>(seen);
        synchronized (candidatesOf) {
            for (int i = 0; i < queue.size(); i++) {
                URI registry = queue.get(i);
                for (URI next : candidatesOf.getOrDefault(registry, List.of())) {
                    if (seen.add(next)) {
                        queue.add(next);
                    }
                }
                // both ways: a candidate that never answered still leads back to who named it
                candidatesOf.forEach((namer, named) -> {
                    if (named.contains(registry) && seen.add(namer)) {
                        queue.add(namer);
                    }
                });
            }
        }
        seen.addAll(configured);
        return new ArrayList<>(seen);
    }

    /**
     * Remembers that {@code target} answered, and the candidates it named (registry-level
     * knowledge, shared, bounded).
     */
    void learn(URI target, List<URI> candidates) {
        synchronized (candidatesOf) {
            List<URI> before = candidatesOf.get(target);
            if (candidates.equals(before) || before == null && candidatesOf.size() >= MAX_KNOWN) {
                return;
            }
            candidatesOf.put(target, List.copyOf(candidates.subList(0, Math.min(candidates.size(), MAX_KNOWN))));
        }
    }
}
