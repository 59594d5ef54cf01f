package dev.heart.micrometer;

import dev.heart.api.HeartBeater;
import dev.heart.engine.Heart;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** The snippets of docs/micrometer.md, compiled; {@link DocsSnippetTest} keeps the two equal. */
final class MicrometerExample {
    private MicrometerExample() {}

    static Heart oneCall(HeartBeater beater, MeterRegistry registry) {
        // SNIPPET-START one-call
        Heart heart = HeartMeters.build(Heart.builder(beater), registry);
        // SNIPPET-END
        return heart;
    }

    static Heart twoSteps(HeartBeater beater, MeterRegistry registry) {
        // SNIPPET-START two-steps
        HeartMeters meters = HeartMeters.builder(registry)
                .tags(Tags.of("heart", "orders")) // on every meter: tell apart hearts that share a registry
                .build();
        Heart heart = meters.bind(Heart.builder(beater).listener(meters).build());
        // SNIPPET-END
        return heart;
    }
}
