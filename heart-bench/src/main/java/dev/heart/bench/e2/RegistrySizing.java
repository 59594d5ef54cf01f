package dev.heart.bench.e2;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.registry.LeaseRegistry;
import java.net.URI;
import java.util.Locale;

/**
 * The in-memory registry of E2 (and E3's server), sized for the run in count and in bytes: its default byte budget
 * (64 MiB, about 190 B a registrant) holds about a third of a million of E2's hearts, and a
 * registry that rejects {@code CAPACITY} ends the benchmark's beatings (a million hearts became
 * 347,067 alive that way). The bytes of one registrant are measured with the registry's own
 * accounting on the run's longest id, so the budget follows the registry if its count changes.
 *
 * @param hearts           how many registrants the run keeps alive
 * @param bytesPerHeart    the registry's count for the longest registrant of the run
 * @param capacity         the count the registry is built with
 * @param maxBytes         the byte budget the registry is built with
 */
public record RegistrySizing(int hearts, long bytesPerHeart, int capacity, long maxBytes) {

    /** The id of registrant {@code i} of a run: {@code heart-i}. */
    public static String id(int i) {
        return Starter.id(i);
    }

    /** The sizing for {@code hearts} registrants named {@code heart-0 .. heart-(hearts-1)} of {@code service}. */
    public static RegistrySizing forRun(int hearts, String service, URI target) {
        long perHeart = measuredBytes(longest(hearts, service), service, target);
        return new RegistrySizing(hearts, perHeart, hearts, Math.multiplyExact(perHeart, (long) hearts));
    }

    /** The run's longest registrant: the one with the largest number. */
    public static RegistrantInfo longest(int hearts, String service) {
        return RegistrantInfo.of(Starter.id(hearts - 1), service);
    }

    /**
     * Checks, before any heart starts, that {@code registry} takes every heart of the run: its
     * count, and the bytes of {@code hearts} registrants as long as the longest (probed on a registry
     * built with the same budget, filled to it).
     *
     * @throws IllegalStateException naming what does not fit
     */
    public void check(LeaseRegistry registry, String service, URI target) {
        if (registry.capacity() < hearts) {
            throw new IllegalStateException(String.format(
                    Locale.ROOT,
                    "registry capacity %d is below the %d hearts of the run",
                    registry.capacity(),
                    hearts));
        }
        long measured = measuredBytes(longest(hearts, service), service, target);
        if (Math.multiplyExact(measured, (long) hearts) > maxBytes) {
            throw new IllegalStateException(String.format(
                    Locale.ROOT,
                    "registry byte budget %d B holds fewer than %d hearts of %d B each",
                    maxBytes,
                    hearts,
                    measured));
        }
    }

    /** What the registry's byte budget counts for {@code registrant}, read from a registry holding it alone. */
    private static long measuredBytes(RegistrantInfo registrant, String service, URI target) {
        LeaseRegistry probe = LeaseRegistry.builder(RegistryInfo.of("e2-probe", service, target))
                .ownership(false)
                .capacity(1)
                .build();
        Response response = probe.handle(new OutgoingRequest(Request.beat(registrant), target).request());
        if (response.reject()) {
            throw new IllegalStateException(
                    "sizing probe: the registry rejected " + registrant.id() + ": " + response.rejectReason());
        }
        return probe.bytes();
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "capacity %d, maxBytes %d (%d B per heart, as the registry counts the " + "longest id)",
                capacity,
                maxBytes,
                bytesPerHeart);
    }
}
