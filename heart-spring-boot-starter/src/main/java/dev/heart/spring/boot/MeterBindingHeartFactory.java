package dev.heart.spring.boot;

import dev.heart.engine.Heart;
import dev.heart.micrometer.HeartMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.net.URI;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Builds each registration's heart with heart-micrometer's meters on the application's
 * {@link MeterRegistry}, tagged {@code registry=<address>} (one heart per registry); without a
 * unique meter registry, builds the heart as it is. Loaded only when heart-micrometer and
 * Micrometer are on the class path.
 */
final class MeterBindingHeartFactory implements HeartFactory {
    /** The tag that tells the hearts of one application apart. */
    static final String REGISTRY_TAG = "registry";

    private final ObjectProvider<MeterRegistry> registry;

    MeterBindingHeartFactory(ObjectProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public Heart build(Heart.Builder builder, URI target) {
        MeterRegistry meters = registry.getIfUnique();
        if (meters == null) {
            return builder.build();
        }
        HeartMeters binding = HeartMeters.builder(meters)
                .tags(Tags.of(REGISTRY_TAG, target.toString()))
                .build();
        return binding.bind(builder.listener(binding).build());
    }
}
