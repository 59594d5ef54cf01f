package dev.heart.spring.boot;

import dev.heart.api.spi.TransportProvider;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code heart.*} properties, checked and resolved against the environment. Immutable.
 *
 * @param registries       the registries, one beating each; not empty
 * @param service          the service type; not blank
 * @param id               the registrant id, or null to derive it from service, host and port
 * @param host             the host announced; not blank
 * @param attributes       the attributes set by the user; unmodifiable
 * @param beater           the beater settings
 * @param failFast         whether startup waits for the registrations
 * @param failFastTimeout  how long it waits; positive
 * @param disconnectTimeout the bound of each disconnect; positive
 * @param restartDelay     the wait before a beating that ended on its own starts again; positive
 * @param atRiskStatus     the health status code for AT_RISK; not blank
 * @param unregisteredStatus the health status code for UNREGISTERED; not blank
 * @param lostStatus       the health status code for LOST; not blank
 * @param outOfServiceStatus the health status code while taken out of the registries; not blank
 * @param followReadiness  whether the registration follows the application's readiness
 * @param drainDelay       the wait after the deregistration on shutdown; zero or more, at most
 *                         the shutdown phase's timeout
 * @param healthAsStatus   whether the application's health is sent as the registry's status
 */
record HeartSettings(
        List<URI> registries,
        String service,
        @Nullable String id,
        String host,
        Map<String, String> attributes,
        BeaterSettings beater,
        boolean failFast,
        Duration failFastTimeout,
        Duration disconnectTimeout,
        Duration restartDelay,
        String atRiskStatus,
        String unregisteredStatus,
        String lostStatus,
        String outOfServiceStatus,
        boolean followReadiness,
        Duration drainDelay,
        boolean healthAsStatus) {

    private static final Set<String> WILDCARDS = Set.of("0.0.0.0", "::", "[::]", "0:0:0:0:0:0:0:0");

    /** Copies the collections. */
    HeartSettings {
        registries = List.copyOf(registries);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /**
     * Checks and resolves the properties.
     *
     * @param properties      the bound properties
     * @param applicationName {@code spring.application.name}, or null
     * @param serverAddress   {@code server.address}, or null
     * @param schemes         the URI schemes the transport serves, or null when any scheme may be
     *                        served (a user-supplied transport)
     * @return the settings
     * @throws HeartPropertyException naming the first property at fault
     */
    static HeartSettings from(
            HeartProperties properties,
            @Nullable String applicationName,
            @Nullable String serverAddress,
            @Nullable Set<String> schemes) {
        return from(properties, applicationName, serverAddress, schemes, Duration.ofSeconds(30));
    }

    /**
     * Checks and resolves the properties.
     *
     * @param properties      the bound properties
     * @param applicationName {@code spring.application.name}, or null
     * @param serverAddress   {@code server.address}, or null
     * @param schemes         the URI schemes the transport serves, or null when any scheme may be
     *                        served (a user-supplied transport)
     * @param shutdownPhase   {@code spring.lifecycle.timeout-per-shutdown-phase}, which bounds the
     *                        drain
     * @return the settings
     * @throws HeartPropertyException naming the first property at fault
     */
    static HeartSettings from(
            HeartProperties properties,
            @Nullable String applicationName,
            @Nullable String serverAddress,
            @Nullable Set<String> schemes,
            Duration shutdownPhase) {
        List<URI> registries = registries(properties.getRegistry(), schemes);
        HeartProperties.Registrant registrant = properties.getRegistrant();
        String service = registrant.getService() != null ? registrant.getService() : applicationName;
        if (service == null || service.isBlank()) {
            throw new HeartPropertyException(
                    "heart.registrant.service",
                    "set it, or spring.application.name, to the service type to register under",
                    null);
        }
        String id = registrant.getId();
        if (id != null && id.isBlank()) {
            throw new HeartPropertyException("heart.registrant.id", "must not be blank", null);
        }
        String host = registrant.getHost();
        if (host == null || host.isBlank()) {
            // a server bound to every interface (0.0.0.0, ::) is announced by this machine's address
            host = serverAddress == null || serverAddress.isBlank() || WILDCARDS.contains(serverAddress.strip())
                    ? localHost()
                    : serverAddress;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        registrant.getAttributes().forEach((key, value) -> {
            if (value == null) {
                throw new HeartPropertyException("heart.registrant.attributes." + key, "must have a value", null);
            }
            attributes.put(key, value);
        });
        HeartProperties.Health health = properties.getHealth();
        return new HeartSettings(
                registries,
                service.strip(),
                id == null ? null : id.strip(),
                host.strip(),
                attributes,
                BeaterSettings.from(properties.getBeater()),
                properties.isFailFast(),
                BeaterSettings.positive("heart.fail-fast-timeout", properties.getFailFastTimeout()),
                BeaterSettings.positive("heart.disconnect-timeout", properties.getDisconnectTimeout()),
                BeaterSettings.positive("heart.restart-delay", properties.getRestartDelay()),
                status("heart.health.at-risk-status", health.getAtRiskStatus()),
                status("heart.health.unregistered-status", health.getUnregisteredStatus()),
                status("heart.health.lost-status", health.getLostStatus()),
                status("heart.health.out-of-service-status", health.getOutOfServiceStatus()),
                properties.isFollowReadiness(),
                drainDelay(properties.getShutdown().getDrainDelay(), shutdownPhase),
                registrant.isHealthAsStatus());
    }

    /**
     * The schemes served by {@code providers}.
     *
     * @param providers by scheme
     * @return the schemes
     */
    static Set<String> schemes(Map<String, TransportProvider> providers) {
        return Set.copyOf(providers.keySet());
    }

    private static List<URI> registries(List<String> values, @Nullable Set<String> schemes) {
        if (values.isEmpty()) {
            throw new HeartPropertyException(
                    "heart.registry",
                    "set at least one registry address, like tcp://registry:7070 (or heart.enabled=false)",
                    null);
        }
        List<URI> registries = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String property = "heart.registry[" + i + "]";
            String value = values.get(i) == null ? "" : values.get(i).strip();
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new HeartPropertyException(property, "'" + value + "' is not a URI: " + e.getMessage(), e);
            }
            if (uri.getScheme() == null || uri.getHost() == null || uri.getPort() < 0) {
                throw new HeartPropertyException(
                        property,
                        "'" + value
                                + "' is not a registry address: expected scheme://host:port, like tcp://registry:7070",
                        null);
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            if (schemes != null && !schemes.contains(scheme)) {
                String module = dev.heart.api.Transports.moduleServing(scheme).orElse(null); // the one table
                throw new HeartPropertyException(
                        property,
                        "no transport for scheme '" + scheme + "' of '" + value
                                + "' on the class path; "
                                + (module == null
                                        ? "add a module that provides dev.heart.api.spi.TransportProvider for it"
                                        : "add " + module)
                                + "; available: " + new java.util.TreeSet<>(schemes),
                        null);
            }
            if (registries.contains(uri)) {
                throw new HeartPropertyException(property, "'" + value + "' is listed twice", null);
            }
            registries.add(uri);
        }
        return registries;
    }

    private static Duration drainDelay(@Nullable Duration drainDelay, Duration shutdownPhase) {
        if (drainDelay == null || drainDelay.isNegative()) {
            throw new HeartPropertyException(
                    "heart.shutdown.drain-delay", "must be zero or a positive duration, was " + drainDelay, null);
        }
        if (drainDelay.compareTo(shutdownPhase) > 0) {
            org.slf4j.LoggerFactory.getLogger(HeartSettings.class)
                    .warn(
                            "heart: heart.shutdown.drain-delay ({}) is longer"
                                    + " than spring.lifecycle.timeout-per-shutdown-phase ({}): the drain lasts at most {}",
                            drainDelay,
                            shutdownPhase,
                            shutdownPhase);
            return shutdownPhase;
        }
        return drainDelay;
    }

    private static String status(String property, @Nullable String code) {
        if (code == null || code.isBlank()) {
            throw new HeartPropertyException(property, "must be a health status code, like UP or DOWN", null);
        }
        return code.strip().toUpperCase(Locale.ROOT);
    }

    private static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }
}
