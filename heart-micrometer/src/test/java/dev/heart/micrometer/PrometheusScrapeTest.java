package dev.heart.micrometer;

import static dev.heart.micrometer.Scripted.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.engine.Heart;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void aScrapeShowsCountersTimerHistogramAndGaugesWithoutRegistrantLabels() throws Exception {
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HeartMeters meters = HeartMeters.builder(prometheus)
                .tags(Tags.of("heart", "main"))
                .statsCache(Duration.ZERO)
                .build();
        try (Scripted registry1 = new Scripted("AFRA");
                Heart heart = meters.bind(
                        Heart.builder(Scripted.beater()).listener(meters).build())) {
            heart.start(registry1.request("orders-1", "orders"), Duration.ofSeconds(2), 3);
            await("a registration again", () -> scrapeValue(prometheus.scrape(), "heart_reregistrations_total") == 1);
            await(
                    "a running beating in the gauges",
                    () -> scrapeValue(prometheus.scrape(), "heart_beatings{heart=\"main\",state=\"established\"}")
                            == 1);
            await(
                    "a round trip in the scrape",
                    () -> scrapeValue(prometheus.scrape(), "heart_round_trip_seconds_count") >= 3);
            String text = prometheus.scrape();
            String tags = "heart=\"main\",scheme=\"mem\",service=\"orders\"";
            assertEquals(1, scrapeValue(text, "heart_registrations_total{" + tags + "}"), text);
            assertEquals(1, scrapeValue(text, "heart_reregistrations_total{" + tags + "}"), text);
            assertEquals(
                    1,
                    scrapeValue(text, "heart_attempts_failed_total{cause=\"TransportException\"," + tags + "}"),
                    text);
            assertEquals(1, scrapeValue(text, "heart_beatings_health{health=\"healthy\",heart=\"main\"}"), text);
            assertEquals(
                    1,
                    scrapeValue(
                            text,
                            "heart_rejections_total{heart=\"main\",reason=\"not_registered\",scheme=\"mem\",service=\"orders\"}"),
                    text);
            assertTrue(
                    Pattern.compile("(?m)^heart_round_trip_seconds_bucket\\{" + Pattern.quote(tags)
                                    + ",le=\"[0-9.]+\"} ")
                            .matcher(text)
                            .find(),
                    "a histogram bucket of the timer:\n" + text);
            assertTrue(scrapeValue(text, "heart_round_trip_seconds_count{" + tags + "}") >= 1, text);
            assertFalse(text.contains("registrant="), "no per-registrant label:\n" + text);
            assertFalse(text.contains("orders-1"), "no registrant id:\n" + text);
        }
    }

    /** The value of the sample whose name and labels start the line exactly as {@code series}. */
    static double scrapeValue(String text, String series) {
        List<String> lines = text.lines()
                .filter(l -> l.startsWith(series + " ") || (!series.contains("{") && l.startsWith(series + "{")))
                .toList();
        if (lines.isEmpty()) {
            return Double.NaN;
        }
        return lines.stream()
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
