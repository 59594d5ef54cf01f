package dev.heart.micrometer;

import static dev.heart.micrometer.PrometheusScrapeTest.scrapeValue;
import static dev.heart.micrometer.Scripted.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The meters fed by {@code HeartListener.answered}: beats, rejections by reason, the round-trip timer. */
class AnsweredMetersTest {

    @Test
    void beatsRejectionsAndRoundTripsMatchTheHeartsOwnFigures() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HeartStats stats;
        // accepted, failed once then accepted, rejected (not registered), accepted from then on
        try (Scripted registry1 = new Scripted("AFARA")) {
            Heart heart = HeartMeters.build(Heart.builder(Scripted.beater()), registry);
            try (heart) {
                Beating beating = heart.start(registry1.request("orders-1", "orders"), Duration.ofSeconds(2), 3);
                await("10 requests answered", () -> registry1.requests() >= 10);
                beating.stop();
                await("the beating to end", () -> beating.completion().isDone());
                stats = heart.stats();
            }
        }
        double beats = registry.get(HeartMeters.BEATS).counter().count();
        Timer roundTrip = registry.get(HeartMeters.ROUND_TRIP)
                .tags("service", "orders", "scheme", "mem")
                .timer();
        assertTrue(beats >= 8, "beats: " + beats);
        assertEquals(stats.beats(), (long) beats, "the counter counts what the heart counts");
        assertEquals(stats.beats(), roundTrip.count(), "one round trip per response");
        assertTrue(roundTrip.totalTime(TimeUnit.NANOSECONDS) > 0, "round trips recorded");
        assertEquals(
                1,
                registry.get(HeartMeters.REJECTIONS)
                        .tag("reason", "not_registered")
                        .counter()
                        .count());
        assertEquals(stats.rejections(), (long) registry.find(HeartMeters.REJECTIONS).counters().stream()
                .mapToDouble(Counter::count)
                .sum());
        assertEquals(1, registry.get(HeartMeters.FAILED_ATTEMPTS).counter().count());
        assertEquals(1, registry.get(HeartMeters.REREGISTRATIONS).counter().count());
    }

    @Test
    void aPrometheusScrapeHasTheRoundTripHistogram() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HeartMeters meters =
                HeartMeters.builder(prometheus).tags(Tags.of("heart", "main")).build();
        try (Scripted registry1 = new Scripted("AARA");
                Heart heart = meters.bind(
                        Heart.builder(Scripted.beater()).listener(meters).build())) {
            heart.start(registry1.request("orders-1", "orders"), Duration.ofSeconds(2), 3);
            String tags = "heart=\"main\",scheme=\"mem\",service=\"orders\"";
            await(
                    "5 beats in the scrape",
                    () -> scrapeValue(prometheus.scrape(), "heart_beats_total{" + tags + "}") >= 5);
            String text = prometheus.scrape();
            assertEquals(
                    1,
                    scrapeValue(
                            text,
                            "heart_rejections_total{heart=\"main\",reason=\"not_registered\",scheme=\"mem\",service=\"orders\"}"),
                    text);
            assertTrue(
                    Pattern.compile("(?m)^heart_round_trip_seconds_bucket\\{" + Pattern.quote(tags)
                                    + ",le=\"\\+Inf\"} [1-9]")
                            .matcher(text)
                            .find(),
                    "the histogram's +Inf bucket counts beats:\n" + text);
            assertTrue(
                    Pattern.compile("(?m)^heart_round_trip_seconds_bucket\\{" + Pattern.quote(tags)
                                    + ",le=\"0\\.001\"} ")
                            .matcher(text)
                            .find(),
                    "buckets from 1 ms:\n" + text);
            assertTrue(scrapeValue(text, "heart_round_trip_seconds_count{" + tags + "}") >= 5, text);
        }
    }
}
