package dev.heart.spring.boot.actuate;

import dev.heart.spring.boot.HeartRegistration;
import dev.heart.spring.boot.RegistrationSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The actuator endpoint {@code heart}: reads the registrations (GET), deregisters to drain this
 * instance (DELETE) and registers again (POST). Read-only by default: the writes take an instance
 * out of its registries, so they need {@code management.endpoint.heart.access=unrestricted}.
 * Exposed and secured like every actuator endpoint
 * ({@code management.endpoints.web.exposure.include=heart}, Spring Security when present); each
 * write is logged at INFO with the caller's principal when there is one. Thread-safe.
 */
@Endpoint(id = "heart", defaultAccess = Access.READ_ONLY)
public final class HeartEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(HeartEndpoint.class);

    private final HeartRegistration registration;

    /**
     * An endpoint over {@code registration}.
     *
     * @param registration the registration it reads and changes
     */
    public HeartEndpoint(HeartRegistration registration) {
        this.registration = java.util.Objects.requireNonNull(registration, "registration");
    }

    /**
     * Reads the registration's status and each registration's figures.
     *
     * @return {@code status} and {@code registrations}
     */
    @ReadOperation
    public Map<String, Object> registrations() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", registration.status().name());
        List<Map<String, Object>> list =
                registration.snapshots().stream().map(HeartEndpoint::describe).toList();
        body.put("registrations", list);
        return body;
    }

    /**
     * Sends the disconnect to every registry and stops beating; the application runs on. It stays
     * out of its registries, whatever its readiness, until {@link #register}.
     *
     * @param caller who asks (Spring passes {@link SecurityContext#NONE} without security)
     * @return the {@code status} after, and whether it {@code changed}
     */
    @DeleteOperation
    public Map<String, Object> deregister(SecurityContext caller) {
        LOG.info("heart: DELETE /actuator/heart by {}: deregistering", who(caller));
        boolean changed = registration.deregister();
        return Map.of("status", registration.status().name(), "changed", changed);
    }

    /**
     * Registers again after a deregistration.
     *
     * @param caller who asks (Spring passes {@link SecurityContext#NONE} without security)
     * @return the {@code status} after, and whether it {@code changed}
     */
    @WriteOperation
    public Map<String, Object> register(SecurityContext caller) {
        LOG.info("heart: POST /actuator/heart by {}: registering again", who(caller));
        boolean changed = registration.register();
        return Map.of("status", registration.status().name(), "changed", changed);
    }

    private static String who(SecurityContext caller) {
        java.security.Principal principal = caller == null ? null : caller.getPrincipal();
        return principal == null ? "an unauthenticated caller (no principal)" : "'" + principal.getName() + "'";
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
