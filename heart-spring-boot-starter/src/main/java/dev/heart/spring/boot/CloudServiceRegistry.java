package dev.heart.spring.boot;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Spring Cloud's {@link ServiceRegistry} over heart's registration, so that
 * {@code /actuator/serviceregistry} and code written for Spring Cloud read and set its status.
 * heart's lifecycle does the registering: {@link #register} and {@link #deregister} are an
 * operator's register and deregister ({@code POST} and {@code DELETE /actuator/heart}), and
 * {@link #close} leaves the lifecycle to Spring. Thread-safe.
 */
final class CloudServiceRegistry implements ServiceRegistry<CloudRegistration> {

    /**
     * Registers again after a deregistration.
     *
     * @param registration heart's registration (Spring Cloud's interface allows null; this refuses it)
     */
    @Override
    public void register(@Nullable CloudRegistration registration) {
        Objects.requireNonNull(registration, "registration").heart().register();
    }

    /**
     * Deregisters until registered again.
     *
     * @param registration heart's registration (Spring Cloud's interface allows null; this refuses it)
     */
    @Override
    public void deregister(@Nullable CloudRegistration registration) {
        Objects.requireNonNull(registration, "registration").heart().deregister();
    }

    @Override
    public void close() {
        // the registration's lifecycle stops it with the application
    }

    /**
     * {@code UP} registers again after a deregistration; {@code OUT_OF_SERVICE} or {@code DOWN}
     * deregisters until {@code UP}.
     *
     * @throws IllegalArgumentException for any other status, naming those taken
     */
    @Override
    public void setStatus(CloudRegistration registration, String status) {
        switch (String.valueOf(status).toUpperCase(Locale.ROOT)) {
            case "UP" -> registration.heart().register();
            case "OUT_OF_SERVICE", "DOWN" -> registration.heart().deregister();
            default ->
                throw new IllegalArgumentException(
                        "status '" + status + "' is not one heart takes: UP, OUT_OF_SERVICE or DOWN");
        }
    }

    /**
     * The status as Spring Cloud reads it, {@code UP} while registered and {@code OUT_OF_SERVICE}
     * otherwise, with heart's own status.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T getStatus(CloudRegistration registration) {
        HeartRegistration.Status heart = registration.heart().status();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", heart == HeartRegistration.Status.REGISTERED ? "UP" : "OUT_OF_SERVICE");
        status.put("heart", heart.name());
        return (T) status;
    }
}
