package dev.heart.spring.boot.actuate;

import dev.heart.spring.boot.HeartRegistration;
import dev.heart.spring.boot.RegistrationSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code heart}: reads the registrations (GET), deregisters to drain this
 * instance (DELETE) and registers again (POST). Exposed and secured like every actuator
 * endpoint ({@code management.endpoints.web.exposure.include=heart}, Spring Security when
 * present). Thread-safe.
 */
@Endpoint(id = "heart")
public final class HeartEndpoint {
    private final HeartRegistration registration;

    /**
     * An endpoint over {@code registration}.
     *
     * @param registration not null
     */
    public HeartEndpoint(HeartRegistration registration) {
        this.registration = java.util.Objects.requireNonNull(registration, "registration");
    }

    /**
     * Reads the registration's status and each registration's figures.
     *
     * @return {@code status} and {@code registrations}; never null
     */
    @ReadOperation
    public Map<String, Object> registrations() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", registration.status().name());
        List<Map<String, Object>> list = registration.snapshots().stream().map(HeartEndpoint::describe).toList();
        body.put("registrations", list);
        return body;
    }

    /**
     * Sends the disconnect to every registry and stops beating; the application runs on.
     *
     * @return the {@code status} after, and whether it {@code changed}; never null
     */
    @DeleteOperation
    public Map<String, Object> deregister() {
        boolean changed = registration.deregister();
        return Map.of("status", registration.status().name(), "changed", changed);
    }

    /**
     * Registers again after a deregistration.
     *
     * @return the {@code status} after, and whether it {@code changed}; never null
     */
    @WriteOperation
    public Map<String, Object> register() {
        boolean changed = registration.register();
        return Map.of("status", registration.status().name(), "changed", changed);
    }

    private static Map<String, Object> describe(RegistrationSnapshot snapshot) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("registry", snapshot.registry().toString());
        detail.putAll(HeartHealthIndicator.describe(snapshot));
        detail.put("beats", snapshot.beats());
        detail.put("rejections", snapshot.rejections());
        detail.put("failedAttempts", snapshot.failedAttempts());
        detail.put("restarts", snapshot.restarts());
        return detail;
    }
}
