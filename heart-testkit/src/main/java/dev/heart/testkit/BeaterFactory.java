package dev.heart.testkit;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;

/** Makes a fresh beater for one simulated beating, told the first request it will see answered. */
@FunctionalInterface
public interface BeaterFactory {

    /**
     * Makes the beater of one beating. Called once per simulated beating, before it starts.
     *
     * @param first the beating's first request, to the simulated registry
     * @return a new beater
     */
    HeartBeater create(OutgoingRequest first);
}
