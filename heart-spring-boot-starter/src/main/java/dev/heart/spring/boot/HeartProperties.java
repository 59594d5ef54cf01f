package dev.heart.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code heart.*} properties: where to register, as whom, and how to beat. Bound by Spring
 * Boot; checked when the registration is built ({@link HeartSettings#from}), so a bad value fails
 * startup with a {@link HeartPropertyException} naming the property.
 *
 * <p>A mutable bean for Spring's binder; not thread-safe, read once at startup. Every getter
 * returns a non-null value except {@link Registrant#getId()}, {@link Registrant#getService()} and
 * {@link Registrant#getHost()}, which are null until set (defaults are derived at start).
 */
@ConfigurationProperties(prefix = "heart")
public class HeartProperties {

    /** Whether the application registers itself. */
    private boolean enabled = true;

    /**
     * The registries to register with, one beating each, for instance tcp://registry:7070 or
     * etcd://127.0.0.1:2379; the scheme picks the transport found on the class path.
     */
    private List<String> registry = new ArrayList<>();

    /**
     * Whether startup waits for every registry to accept the registrant and fails when one has
     * not within fail-fast-timeout. Off by default: a registration that fails keeps trying in the
     * background and never stops the application from starting.
     */
    private boolean failFast = false;

    /** How long startup waits for the registrations when fail-fast is on. */
    private Duration failFastTimeout = Duration.ofSeconds(10);

    /** The bound of the one disconnect attempt sent to each registry on shutdown or deregistration. */
    private Duration disconnectTimeout = Duration.ofSeconds(1);

    /** The wait before a beating that failed (its beater threw) starts again. */
    private Duration restartDelay = Duration.ofSeconds(5);

    private final Registrant registrant = new Registrant();
    private final Beater beater = new Beater();
    private final Health health = new Health();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getRegistry() {
        return registry;
    }

    public void setRegistry(List<String> registry) {
        this.registry = registry == null ? new ArrayList<>() : registry;
    }

    public boolean isFailFast() {
        return failFast;
    }

    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    public Duration getFailFastTimeout() {
        return failFastTimeout;
    }

    public void setFailFastTimeout(Duration failFastTimeout) {
        this.failFastTimeout = failFastTimeout;
    }

    public Duration getDisconnectTimeout() {
        return disconnectTimeout;
    }

    public void setDisconnectTimeout(Duration disconnectTimeout) {
        this.disconnectTimeout = disconnectTimeout;
    }

    public Duration getRestartDelay() {
        return restartDelay;
    }

    public void setRestartDelay(Duration restartDelay) {
        this.restartDelay = restartDelay;
    }

    public Registrant getRegistrant() {
        return registrant;
    }

    public Beater getBeater() {
        return beater;
    }

    public Health getHealth() {
        return health;
    }

    /** Who registers: {@code heart.registrant.*}. */
    public static class Registrant {

        /** The registrant's id; default: the service, the host and the web server's port, joined by '-'. */
        private String id;

        /** The service type registered under; default: spring.application.name. */
        private String service;

        /**
         * The host announced in the address attribute; default: server.address when set, else
         * this machine's address (InetAddress.getLocalHost()), else 127.0.0.1.
         */
        private String host;

        /**
         * Attributes sent with every beat. "address" (host:port) and "port" are filled in from the
         * web server unless set here.
         */
        private Map<String, String> attributes = new LinkedHashMap<>();

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getService() {
            return service;
        }

        public void setService(String service) {
            this.service = service;
        }

        public String getHost() {
            return host;
        }

        public void setHost(String host) {
            this.host = host;
        }

        public Map<String, String> getAttributes() {
            return attributes;
        }

        public void setAttributes(Map<String, String> attributes) {
            this.attributes = attributes == null ? new LinkedHashMap<>() : attributes;
        }
    }

    /** How to beat: {@code heart.beater.*}. */
    public static class Beater {

        /** Which ready-made beater decides the beats. */
        private BeaterType type = BeaterType.LEASE_FOLLOWING;

        /** The bound of each attempt of a beat. */
        private Duration attemptTimeout = Duration.ofSeconds(1);

        /** The most retransmissions per beat (lease-following: fewer when the lease is short). */
        private int maxRetries = 3;

        /** lease-following: where in the registry's lease the next beat is sent, above 0 and below 1. */
        private double fraction = 1.0 / 3;

        /** lease-following: the time kept free before the registry's deadline. */
        private Duration margin = Duration.ofMillis(100);

        /** lease-following: the wait when the registry gives no deadline. */
        private Duration fallbackInterval = Duration.ofSeconds(10);

        /** fixed-rate: the time between beats. */
        private Duration interval = Duration.ofSeconds(10);

        /** fixed-rate: the spread of each interval, as a fraction of it (0.1 is +/- 10%). */
        private double jitter = 0.1;

        /**
         * The ceiling of the first wait after a failed beat or a rejection for capacity (the wait is
         * random below its ceiling, which doubles with each failure in a row up to backoff-max).
         */
        private Duration backoffInitial = Duration.ofMillis(100);

        /** The largest ceiling of the wait between tries after failures. */
        private Duration backoffMax = Duration.ofSeconds(2);

        /**
         * What to do when a registry refuses the registrant for good (RejectReason.FORBIDDEN): stop
         * beating with it, or reregister (try again after the backoff, and other registries).
         */
        private OnRejectForbidden onForbidden = OnRejectForbidden.STOP;

        public BeaterType getType() {
            return type;
        }

        public void setType(BeaterType type) {
            this.type = type;
        }

        public Duration getAttemptTimeout() {
            return attemptTimeout;
        }

        public void setAttemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public double getFraction() {
            return fraction;
        }

        public void setFraction(double fraction) {
            this.fraction = fraction;
        }

        public Duration getMargin() {
            return margin;
        }

        public void setMargin(Duration margin) {
            this.margin = margin;
        }

        public Duration getFallbackInterval() {
            return fallbackInterval;
        }

        public void setFallbackInterval(Duration fallbackInterval) {
            this.fallbackInterval = fallbackInterval;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public double getJitter() {
            return jitter;
        }

        public void setJitter(double jitter) {
            this.jitter = jitter;
        }

        public Duration getBackoffInitial() {
            return backoffInitial;
        }

        public void setBackoffInitial(Duration backoffInitial) {
            this.backoffInitial = backoffInitial;
        }

        public Duration getBackoffMax() {
            return backoffMax;
        }

        public void setBackoffMax(Duration backoffMax) {
            this.backoffMax = backoffMax;
        }

        public OnRejectForbidden getOnForbidden() {
            return onForbidden;
        }

        public void setOnForbidden(OnRejectForbidden onForbidden) {
            this.onForbidden = onForbidden;
        }
    }

    /** What a beating does when its registry refuses the registrant for good. */
    public enum OnRejectForbidden {
        /** Stop beating with that registry (logged); the health turns to the unregistered status. */
        STOP,
        /** Try again after the backoff, moving to another registry when one is known. */
        REREGISTER
    }

    /** The ready-made beaters of {@code dev.heart.engine.beater}. */
    public enum BeaterType {
        /** Beat at a fraction of the lease the registry grants (LeaseFollowingBeater). */
        LEASE_FOLLOWING,
        /** Beat at a fixed interval with jitter, for registries that grant no lease (FixedRateBeater). */
        FIXED_RATE
    }

    /** The actuator health indicator {@code heart}: {@code heart.health.*}. */
    public static class Health {

        /** The status reported while a registration is AT_RISK (an attempt failed, or little lease left). */
        private String atRiskStatus = "UP";

        /** The status reported while a registration is not (yet, or no longer) accepted by its registry. */
        private String unregisteredStatus = "DOWN";

        public String getAtRiskStatus() {
            return atRiskStatus;
        }

        public void setAtRiskStatus(String atRiskStatus) {
            this.atRiskStatus = atRiskStatus;
        }

        public String getUnregisteredStatus() {
            return unregisteredStatus;
        }

        public void setUnregisteredStatus(String unregisteredStatus) {
            this.unregisteredStatus = unregisteredStatus;
        }
    }
}
