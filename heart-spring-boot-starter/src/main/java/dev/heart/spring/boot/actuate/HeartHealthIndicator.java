package dev.heart.spring.boot.actuate;

import dev.heart.engine.Health;
import dev.heart.spring.boot.HeartRegistration;
import dev.heart.spring.boot.RegistrationSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The health indicator {@code heart}: UP by default whatever the registrations' health, so that a
 * registry's outage never takes the application's health (and every probe that reads it) down
 * with it; the registration's real health and why are in the details. The status of each health
 * is configurable for a strict mapping: AT_RISK is {@code heart.health.at-risk-status}, UNREGISTERED
 * (not yet or no longer accepted) {@code heart.health.unregistered-status}, LOST
 * {@code heart.health.lost-status}, and taken out of the registries (by an operator, or while the
 * application refuses traffic) {@code heart.health.out-of-service-status}; each is UP by default.
 * UNKNOWN before the registration starts.
 *
 * <p>Details: {@code registration} (the worst health of the registrations, or {@code DEREGISTERED},
 * {@code NOT_READY}, {@code STOPPED}), {@code reason} when it is not HEALTHY, and one detail per
 * registry: registrant, health, state, lease left and last round trip (ISO-8601 durations), and the
 * last failure.
 *
 * <p>Thread-safe; cheap (it reads snapshots, sends nothing).
 */
public final class HeartHealthIndicator implements HealthIndicator {
    private final HeartRegistration registration;

    /**
     * An indicator of {@code registration}.
     *
     * @param registration the registration it reads
     */
    public HeartHealthIndicator(HeartRegistration registration) {
        this.registration = java.util.Objects.requireNonNull(registration, "registration");
    }

    @Override
    public org.springframework.boot.health.contributor.Health health() {
        HeartRegistration.Status status = registration.status();
        if (status == HeartRegistration.Status.STOPPED) {
            return org.springframework.boot.health.contributor.Health.unknown()
                    .withDetail("registration", "STOPPED")
                    .withDetail("reason", "not started")
                    .build();
        }
        if (status != HeartRegistration.Status.REGISTERED) {
            return org.springframework.boot.health.contributor.Health.status(registration.outOfServiceStatus())
                    .withDetail("registration", status.name())
                    .withDetail("reason", registration.reason())
                    .build();
        }
        List<RegistrationSnapshot> snapshots = registration.snapshots();
        Health worst = Health.HEALTHY;
        RegistrationSnapshot worstOne = null;
        Map<String, Object> registries = new LinkedHashMap<>();
        for (RegistrationSnapshot snapshot : snapshots) {
            if (worstOne == null || rank(snapshot.health()) > rank(worst)) {
                worst = snapshot.health();
                worstOne = snapshot;
            }
            registries.put(snapshot.registry().toString(), describe(snapshot));
        }
        if (worstOne == null) {
            return org.springframework.boot.health.contributor.Health.unknown()
                    .withDetail("registration", "STARTING")
                    .build();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("registration", worst.name());
        if (worst != Health.HEALTHY) {
            details.put("reason", reason(worstOne));
        }
        details.putAll(registries);
        return org.springframework.boot.health.contributor.Health.status(registration.healthStatus(worst))
                .withDetails(details)
                .build();
    }

    /** Why a registration is not HEALTHY, in words. */
    static String reason(RegistrationSnapshot snapshot) {
        String failure = snapshot.lastFailure() == null ? "" : "; last failure: " + snapshot.lastFailure();
        return switch (snapshot.health()) {
            case HEALTHY -> "registered";
            case AT_RISK -> snapshot.registry() + ": an attempt failed or little lease is left" + failure;
            case UNREGISTERED -> snapshot.registry() + ": not accepted (yet, or any more)" + failure;
            case LOST ->
                snapshot.registry() + ": the lease passed without an accepted beat, the registry has"
                        + " dropped this instance" + failure;
        };
    }

    /** The worse of two healths ranks higher: HEALTHY, AT_RISK, UNREGISTERED, LOST. */
    static int rank(Health health) {
        return switch (health) {
            case HEALTHY -> 0;
            case AT_RISK -> 1;
            case UNREGISTERED -> 2;
            case LOST -> 3;
        };
    }

    static Map<String, Object> describe(RegistrationSnapshot snapshot) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("registrant", snapshot.registrant());
        detail.put("service", snapshot.service());
        detail.put("health", snapshot.health().name());
        detail.put("state", snapshot.state().name());
        detail.put("leaseLeft", text(snapshot.leaseLeft()));
        detail.put("lastRoundTrip", text(snapshot.lastRoundTrip()));
        if (snapshot.lastFailure() != null) {
            detail.put("lastFailure", snapshot.lastFailure());
        }
        return detail;
    }

    private static String text(@Nullable Duration duration) {
        return duration == null ? "none" : duration.toString();
    }
}
