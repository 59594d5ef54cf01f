package dev.heart.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 21.2, in virtual time: 5,000 registrants registered together on one heart do not beat
 * together. From each registrant's third beat on, the busiest 100 ms window holds at most twice
 * the mean (beats per 100 ms over the measured span). Without spreading, every beat of the 5,000
 * falls into one window, for ever.
 */
class SpreadTest {
    static final int REGISTRANTS = 5_000;
    static final Duration LEASE = Duration.ofSeconds(10);
    static final URI R1 = URI.create("mem://r1");
    static final long WINDOW = Duration.ofMillis(100).toNanos();

    enum Kind {
        LEASE_FOLLOWING(() -> LeaseFollowingBeater.builder().build(), LEASE.dividedBy(3)),
        FIXED_RATE(() -> FixedRateBeater.builder(Duration.ofSeconds(3)).build(), Duration.ofSeconds(3)),
        FAILOVER(
                () -> FailoverBeater.builder(LeaseFollowingBeater.builder().build())
                        .build(),
                LEASE.dividedBy(3));

        final Supplier<HeartBeater> beater;
        final Duration interval;

        Kind(Supplier<HeartBeater> beater, Duration interval) {
            this.beater = beater;
            this.interval = interval;
        }
    }

    /** Accepts every request at once with {@link #LEASE}, recording when each registrant sent. */
    static final class Recording implements RequestProtocol {
        final ManualTime time;
        final Map<String, List<Long>> sent = new HashMap<>();
        final Response accept = Response.accept(RegistryInfo.of("r1", "svc", R1), LEASE);

        Recording(ManualTime time) {
            this.time = time;
        }

        @Override
        public synchronized CompletableFuture<Response> send(OutgoingRequest request, Duration deadline) {
            sent.computeIfAbsent(request.request().registrant().id(), id -> new ArrayList<>())
                    .add(time.nanoTime());
            return CompletableFuture.completedFuture(accept);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fiveThousandRegistrantsStartedTogether_areSpreadFromTheirThirdBeatOn(Kind kind) {
        ManualTime time = new ManualTime();
        Recording registry = new Recording(time);
        Heart heart = Heart.builder()
                .protocol(registry)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        HeartBeater beater = kind.beater.get();
        for (int i = 0; i < REGISTRANTS; i++) {
            heart.register(RegistrantInfo.of("r" + i, "svc"), R1, beater);
        }
        Duration span = kind.interval.multipliedBy(5);
        time.advance(kind.interval.multipliedBy(3).plus(span));

        long from = 0;
        for (List<Long> times : registry.sent.values()) {
            from = Math.max(from, times.get(2)); // every registrant has sent its third beat
        }
        int windows = (int) (span.toNanos() / WINDOW);
        long to = from + windows * WINDOW;
        int[] perWindow = new int[windows];
        long total = 0;
        for (List<Long> times : registry.sent.values()) {
            for (long t : times) {
                if (t >= from && t < to) {
                    perWindow[(int) ((t - from) / WINDOW)]++;
                    total++;
                }
            }
        }
        double mean = (double) total / windows;
        int busiest = 0;
        for (int n : perWindow) {
            busiest = Math.max(busiest, n);
        }
        assertEquals(REGISTRANTS, registry.sent.size());
        assertTrue(total >= REGISTRANTS * 4L, "about five beats each in the span: " + total);
        assertTrue(busiest <= 2 * mean, kind + ": the busiest 100 ms holds " + busiest + " beats, the mean is " + mean);
        System.out.printf(
                "SpreadTest %s: busiest 100 ms window %d beats, mean %.1f (%.2fx), %d beats%n",
                kind, busiest, mean, busiest / mean, total);
        heart.closeAsync();
        time.advance(Duration.ofSeconds(2));
    }
}
