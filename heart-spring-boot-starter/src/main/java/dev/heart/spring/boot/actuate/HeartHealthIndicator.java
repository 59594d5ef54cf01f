package dev.heart.spring.boot.actuate;

import dev.heart.engine.Health;
import dev.heart.spring.boot.HeartRegistration;
import dev.heart.spring.boot.RegistrationSnapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health indicator {@code heart}: the worst health of the registrations, from each beating's
 * own clock. HEALTHY is UP, AT_RISK is {@code heart.health.at-risk-status} (default UP), LOST is
 * DOWN, UNREGISTERED (not yet or no longer accepted) is {@code heart.health.unregistered-status}
 * (default DOWN); OUT_OF_SERVICE after an operator deregistered, UNKNOWN before the registration
 * starts. One detail per registry: registrant, health, state, lease left and last round trip (ISO-8601
 * durations).
 *
 * <p>Thread-safe; cheap (it reads snapshots, sends nothing).
 */
public final class HeartHealthIndicator implements HealthIndicator {
    private final HeartRegistration registration;

    /**
     * An indicator of {@code registration}.
     *
     * @param registration not null
     */
    public HeartHealthIndicator(HeartRegistration registration) {
        this.registration = java.util.Objects.requireNonNull(registration, "registration");
    }

    @Override
    public org.springframework.boot.health.contributor.Health health() {
        switch (registration.status()) {
            case STOPPED:
                return org.springframework.boot.health.contributor.Health.unknown()
                        .withDetail("registration", "not started").build();
            case DEREGISTERED:
                return org.springframework.boot.health.contributor.Health.outOfService()
                        .withDetail("registration", "deregistered by an operator").build();
            default:
                break;
        }
        List<RegistrationSnapshot> snapshots = registration.snapshots();
        Health worst = Health.HEALTHY;
        Map<String, Object> details = new LinkedHashMap<>();
        for (RegistrationSnapshot snapshot : snapshots) {
            if (rank(snapshot.health()) > rank(worst)) {
                worst = snapshot.health();
            }
            details.put(snapshot.registry().toString(), describe(snapshot));
        }
        Status status = snapshots.isEmpty() ? Status.UNKNOWN
                : statusOf(worst, registration.atRiskStatus(), registration.unregisteredStatus());
        return org.springframework.boot.health.contributor.Health.status(status).withDetails(details).build();
    }

    /** The status of a registration's health, with the configured codes for AT_RISK and UNREGISTERED. */
    static Status statusOf(Health health, String atRisk, String unregistered) {
        return switch (health) {
            case HEALTHY -> Status.UP;
            case AT_RISK -> new Status(atRisk);
            case UNREGISTERED -> new Status(unregistered);
            case LOST -> Status.DOWN;
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

    private static String text(Duration duration) {
        return duration == null ? "none" : duration.toString();
    }
}
