package dev.heart.cli.load;

import dev.heart.api.internal.Checks;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What a {@link LoadRun} starts.
 *
 * @param target      the registry's address, e.g. {@code tcp://127.0.0.1:7070}
 * @param hearts      how many registrants; at least 1
 * @param serviceType the service type of every registrant; not blank
 * @param idPrefix    registrant ids are this prefix and a number from 1; not blank
 * @param interval    a fixed beat interval (with jitter), or empty to follow the registry's lease;
 *                    positive when present
 */
public record LoadPlan(URI target, int hearts, String serviceType, String idPrefix, Optional<Duration> interval) {

    /**
     * Validates the components.
     *
     * @param target      the registry's address
     * @param hearts      how many registrants; at least 1
     * @param serviceType the service type of every registrant; not blank
     * @param idPrefix    the prefix of registrant ids; not blank
     * @param interval    a fixed beat interval, or empty; positive when present
     */
    public LoadPlan {
        Checks.notNull(target, "target");
        if (hearts < 1) {
            throw new IllegalArgumentException("hearts must be at least 1, was " + hearts);
        }
        Checks.notBlank(serviceType, "serviceType");
        Checks.notBlank(idPrefix, "idPrefix");
        Checks.notNull(interval, "interval");
        interval.ifPresent(d -> Checks.positive(d, "interval"));
    }
}
