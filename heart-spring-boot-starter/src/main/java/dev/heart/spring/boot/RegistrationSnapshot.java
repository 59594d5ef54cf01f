package dev.heart.spring.boot;

import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What one registration (the beating with one registry) looks like now, for the health indicator
 * and the actuator endpoint.
 *
 * @param registry       the registry's address as configured
 * @param registrant     the registrant id
 * @param service        the service type
 * @param state          the beating's state
 * @param health         the registration's health from the beating's monotonic clock
 * @param leaseLeft      what is left of the last accepted lease; null when there is none
 * @param lastRoundTrip  the round trip of the last exchange; null before the first
 * @param beats          exchanges answered (accepted or rejected) since the beating started
 * @param rejections     rejections among them
 * @param failedAttempts attempts that failed (error or timeout)
 * @param lastFailure    the cause of the last failed attempt, as text; null when none failed
 * @param restarts       how often the beating ended on its own and was started again
 */
public record RegistrationSnapshot(
        URI registry,
        String registrant,
        String service,
        Beating.State state,
        Health health,
        @Nullable Duration leaseLeft,
        @Nullable Duration lastRoundTrip,
        long beats,
        long rejections,
        long failedAttempts,
        @Nullable String lastFailure,
        long restarts) {}
