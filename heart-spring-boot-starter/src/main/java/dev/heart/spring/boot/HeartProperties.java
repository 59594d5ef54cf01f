package dev.heart.spring.boot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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
    @NestedConfigurationProperty
    private final BeaterProperties beater = new BeaterProperties();
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

    public BeaterProperties getBeater() {
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
         * The host announced in the address attribute; default: server.address when set (and not a
         * wildcard such as 0.0.0.0), else this machine's address (InetAddress.getLocalHost()), else
         * 127.0.0.1.
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
