package dev.heart.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * The {@code heart.*} properties: where to register, as whom, and how to beat. Bound by Spring
 * Boot; checked when the registration is built ({@link HeartSettings#from}), so a bad value fails
 * startup with a {@link HeartPropertyException} naming the property.
 *
 * <p>A mutable bean for Spring's binder; not thread-safe, read once at startup.
 * {@link Registrant#getId()}, {@link Registrant#getService()} and {@link Registrant#getHost()} are
 * null until set (defaults are derived at start).
 */
@ConfigurationProperties(prefix = "heart")
public class HeartProperties {

    /** The defaults; Spring's binder sets what is configured. */
    public HeartProperties() {}

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

    /**
     * What an unknown heart.* key (a misspelling) does: fail startup, naming it and the closest
     * known key, or only warn. Keys that come from environment variables only warn.
     */
    private UnknownProperties unknownProperties = UnknownProperties.FAIL;

    /**
     * Whether the registration follows the application's readiness: registered once it accepts
     * traffic (ReadinessState.ACCEPTING_TRAFFIC), taken out of every registry while it refuses it.
     * Off: registered from the start of the application's lifecycle to its stop.
     */
    private boolean followReadiness = true;

    private final Registrant registrant = new Registrant();

    @NestedConfigurationProperty
    private final EtcdProperties etcd = new EtcdProperties();

    @NestedConfigurationProperty
    private final ZooKeeperProperties zookeeper = new ZooKeeperProperties();

    @NestedConfigurationProperty
    private final BeaterProperties beater = new BeaterProperties();

    private final Health health = new Health();
    private final Shutdown shutdown = new Shutdown();

    /**
     * The value of {@code heart.enabled}.
     *
     * @return the value bound, or its default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Binds {@code heart.enabled}.
     *
     * @param enabled the value
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * The {@code heart.etcd.*} properties.
     *
     * @return them
     */
    public EtcdProperties getEtcd() {
        return etcd;
    }

    /**
     * The {@code heart.zookeeper.*} properties.
     *
     * @return them
     */
    public ZooKeeperProperties getZookeeper() {
        return zookeeper;
    }

    /**
     * The value of {@code heart.registry}.
     *
     * @return the value bound, or its default
     */
    public List<String> getRegistry() {
        return registry;
    }

    /**
     * Binds {@code heart.registry}.
     *
     * @param registry the value
     */
    public void setRegistry(@Nullable List<String> registry) {
        this.registry = registry == null ? new ArrayList<>() : registry;
    }

    /**
     * The value of {@code heart.fail-fast}.
     *
     * @return the value bound, or its default
     */
    public boolean isFailFast() {
        return failFast;
    }

    /**
     * Binds {@code heart.fail-fast}.
     *
     * @param failFast the value
     */
    public void setFailFast(boolean failFast) {
        this.failFast = failFast;
    }

    /**
     * The value of {@code heart.fail-fast-timeout}.
     *
     * @return the value bound, or its default
     */
    public Duration getFailFastTimeout() {
        return failFastTimeout;
    }

    /**
     * Binds {@code heart.fail-fast-timeout}.
     *
     * @param failFastTimeout the value
     */
    public void setFailFastTimeout(Duration failFastTimeout) {
        this.failFastTimeout = failFastTimeout;
    }

    /**
     * The value of {@code heart.disconnect-timeout}.
     *
     * @return the value bound, or its default
     */
    public Duration getDisconnectTimeout() {
        return disconnectTimeout;
    }

    /**
     * Binds {@code heart.disconnect-timeout}.
     *
     * @param disconnectTimeout the value
     */
    public void setDisconnectTimeout(Duration disconnectTimeout) {
        this.disconnectTimeout = disconnectTimeout;
    }

    /**
     * The value of {@code heart.restart-delay}.
     *
     * @return the value bound, or its default
     */
    public Duration getRestartDelay() {
        return restartDelay;
    }

    /**
     * Binds {@code heart.restart-delay}.
     *
     * @param restartDelay the value
     */
    public void setRestartDelay(Duration restartDelay) {
        this.restartDelay = restartDelay;
    }

    /**
     * The value of {@code heart.follow-readiness}.
     *
     * @return the value bound, or its default
     */
    public boolean isFollowReadiness() {
        return followReadiness;
    }

    /**
     * Binds {@code heart.follow-readiness}.
     *
     * @param followReadiness the value
     */
    public void setFollowReadiness(boolean followReadiness) {
        this.followReadiness = followReadiness;
    }

    /**
     * The value of {@code heart.unknown-properties}.
     *
     * @return the value bound, or its default
     */
    public UnknownProperties getUnknownProperties() {
        return unknownProperties;
    }

    /**
     * Binds {@code heart.unknown-properties}.
     *
     * @param unknownProperties the value
     */
    public void setUnknownProperties(UnknownProperties unknownProperties) {
        this.unknownProperties = unknownProperties;
    }

    /** What an unknown {@code heart.*} key does at startup. */
    public enum UnknownProperties {
        /** Startup fails, naming the key and the closest known one. */
        FAIL,
        /** A warning names the key and the closest known one; startup goes on. */
        WARN
    }

    /**
     * The value of {@code heart.registrant}.
     *
     * @return the value bound, or its default
     */
    public Registrant getRegistrant() {
        return registrant;
    }

    /**
     * The value of {@code heart.beater}.
     *
     * @return the value bound, or its default
     */
    public BeaterProperties getBeater() {
        return beater;
    }

    /**
     * The value of {@code heart.health}.
     *
     * @return the value bound, or its default
     */
    public Health getHealth() {
        return health;
    }

    /**
     * The value of {@code heart.shutdown}.
     *
     * @return the value bound, or its default
     */
    public Shutdown getShutdown() {
        return shutdown;
    }

    /** What happens when the application stops: {@code heart.shutdown.*}. */
    public static class Shutdown {

        /** The defaults; Spring's binder sets what is configured. */
        public Shutdown() {}

        /**
         * The wait between the deregistration and the start of the web server's graceful shutdown,
         * while the instance still serves the clients whose cached copy of the registry still lists
         * it; at most spring.lifecycle.timeout-per-shutdown-phase. 0 to shut down at once.
         */
        private Duration drainDelay = Duration.ofSeconds(20);

        /**
         * The value of {@code heart.shutdown.drain-delay}.
         *
         * @return the value bound, or its default
         */
        public Duration getDrainDelay() {
            return drainDelay;
        }

        /**
         * Binds {@code heart.shutdown.drain-delay}.
         *
         * @param drainDelay the value
         */
        public void setDrainDelay(Duration drainDelay) {
            this.drainDelay = drainDelay;
        }
    }

    /** Who registers: {@code heart.registrant.*}. */
    public static class Registrant {

        /** The defaults; Spring's binder sets what is configured. */
        public Registrant() {}

        /** The registrant's id; default: the service, the host and the web server's port, joined by '-'. */
        private @Nullable String id;

        /** The service type registered under; default: spring.application.name. */
        private @Nullable String service;

        /**
         * The host announced in the address attribute; default: server.address when set (and not a
         * wildcard such as 0.0.0.0), else this machine's address (InetAddress.getLocalHost()), else
         * 127.0.0.1.
         */
        private @Nullable String host;

        /**
         * Attributes sent with every beat. "address" (host:port) and "port" are filled in from the
         * web server unless set here.
         */
        private Map<String, String> attributes = new LinkedHashMap<>();

        /**
         * Whether the application's health (the root status of Spring Boot's health endpoint) is
         * sent as the registry's status: the attribute "status" on every registry, and the
         * instance status on Eureka ("eureka.status"). Needs the actuator's health endpoint.
         */
        private boolean healthAsStatus = false;

        /**
         * The value of {@code heart.registrant.health-as-status}.
         *
         * @return the value bound, or its default
         */
        public boolean isHealthAsStatus() {
            return healthAsStatus;
        }

        /**
         * Binds {@code heart.registrant.health-as-status}.
         *
         * @param healthAsStatus the value
         */
        public void setHealthAsStatus(boolean healthAsStatus) {
            this.healthAsStatus = healthAsStatus;
        }

        /**
         * The value of {@code heart.registrant.id}.
         *
         * @return the value bound, or its default
         */
        public @Nullable String getId() {
            return id;
        }

        /**
         * Binds {@code heart.registrant.id}.
         *
         * @param id the value
         */
        public void setId(@Nullable String id) {
            this.id = id;
        }

        /**
         * The value of {@code heart.registrant.service}.
         *
         * @return the value bound, or its default
         */
        public @Nullable String getService() {
            return service;
        }

        /**
         * Binds {@code heart.registrant.service}.
         *
         * @param service the value
         */
        public void setService(@Nullable String service) {
            this.service = service;
        }

        /**
         * The value of {@code heart.registrant.host}.
         *
         * @return the value bound, or its default
         */
        public @Nullable String getHost() {
            return host;
        }

        /**
         * Binds {@code heart.registrant.host}.
         *
         * @param host the value
         */
        public void setHost(@Nullable String host) {
            this.host = host;
        }

        /**
         * The value of {@code heart.registrant.attributes}.
         *
         * @return the attributes bound, mutable
         */
        public Map<String, String> getAttributes() {
            return attributes;
        }

        /**
         * Binds {@code heart.registrant.attributes}.
         *
         * @param attributes the attributes; null for none
         */
        public void setAttributes(@Nullable Map<String, String> attributes) {
            this.attributes = attributes == null ? new LinkedHashMap<>() : attributes;
        }
    }

    /** The actuator health indicator {@code heart}: {@code heart.health.*}. */
    public static class Health {

        /** The defaults; Spring's binder sets what is configured. */
        public Health() {}

        /**
         * The status reported while a registration is AT_RISK (an attempt failed, or little lease
         * left). UP by default, as every status here: the registry's trouble is not the application's.
         */
        private String atRiskStatus = "UP";

        /** The status reported while a registration is not (yet, or no longer) accepted by its registry. */
        private String unregisteredStatus = "UP";

        /** The status reported once a registration's lease passed without an accepted beat. */
        private String lostStatus = "UP";

        /** The status reported while the application is taken out of its registries (operator, readiness). */
        private String outOfServiceStatus = "UP";

        /**
         * The value of {@code heart.health.lost-status}.
         *
         * @return the value bound, or its default
         */
        public String getLostStatus() {
            return lostStatus;
        }

        /**
         * Binds {@code heart.health.lost-status}.
         *
         * @param lostStatus the value
         */
        public void setLostStatus(String lostStatus) {
            this.lostStatus = lostStatus;
        }

        /**
         * The value of {@code heart.health.out-of-service-status}.
         *
         * @return the value bound, or its default
         */
        public String getOutOfServiceStatus() {
            return outOfServiceStatus;
        }

        /**
         * Binds {@code heart.health.out-of-service-status}.
         *
         * @param outOfServiceStatus the value
         */
        public void setOutOfServiceStatus(String outOfServiceStatus) {
            this.outOfServiceStatus = outOfServiceStatus;
        }

        /**
         * The value of {@code heart.health.at-risk-status}.
         *
         * @return the value bound, or its default
         */
        public String getAtRiskStatus() {
            return atRiskStatus;
        }

        /**
         * Binds {@code heart.health.at-risk-status}.
         *
         * @param atRiskStatus the value
         */
        public void setAtRiskStatus(String atRiskStatus) {
            this.atRiskStatus = atRiskStatus;
        }

        /**
         * The value of {@code heart.health.unregistered-status}.
         *
         * @return the value bound, or its default
         */
        public String getUnregisteredStatus() {
            return unregisteredStatus;
        }

        /**
         * Binds {@code heart.health.unregistered-status}.
         *
         * @param unregisteredStatus the value
         */
        public void setUnregisteredStatus(String unregisteredStatus) {
            this.unregisteredStatus = unregisteredStatus;
        }
    }
}
