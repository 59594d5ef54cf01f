package dev.heart.transport.eureka.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heart.api.RegistrantInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A registrant as a Eureka instance: its application, id, lease settings, and the JSON document
 * of a registration. Built (and its attributes checked) on a {@code send} unless the registrant
 * sent is the one already registered at that server. Immutable.
 *
 * @param registrant      who
 * @param app             the Eureka application name (the upper-cased service type)
 * @param renewalSeconds  {@code leaseInfo.renewalIntervalInSecs}
 * @param durationSeconds {@code leaseInfo.durationInSecs}
 */
record Instance(RegistrantInfo registrant, String app, long renewalSeconds, long durationSeconds) {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final String ATTRIBUTE_PREFIX = "eureka.";
    private static final java.util.Set<String> STATUSES =
            java.util.Set.of("UP", "DOWN", "STARTING", "OUT_OF_SERVICE", "UNKNOWN");

    /**
     * Reads {@code registrant}'s lease settings.
     *
     * @throws IllegalArgumentException naming the attribute that is not whole seconds, at least 1
     */
    static Instance of(RegistrantInfo registrant, EurekaSettings settings) {
        long renewal = seconds(
                registrant,
                Names.RENEWAL_INTERVAL_ATTRIBUTE,
                settings.renewalInterval().toSeconds());
        long duration = seconds(
                registrant,
                Names.LEASE_DURATION_ATTRIBUTE,
                settings.leaseDuration().toSeconds());
        return new Instance(registrant, Names.application(registrant.serviceType()), renewal, duration);
    }

    /** The instance id: the registrant's id. */
    String id() {
        return registrant.id();
    }

    /**
     * The instance status: the attribute {@code eureka.status}, default {@code UP}.
     *
     * @throws IllegalArgumentException when it is not one of Eureka's statuses
     */
    String status() {
        String value = registrant.attributes().get(Names.STATUS_ATTRIBUTE);
        if (value == null) {
            return "UP";
        }
        String status = value.strip().toUpperCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("attribute " + Names.STATUS_ATTRIBUTE
                    + " must be one of UP, DOWN, STARTING, OUT_OF_SERVICE, UNKNOWN, was '" + value + "'");
        }
        return status;
    }

    /**
     * The registration document, {@code {"instance": {...}}}, with its {@link #status()}.
     *
     * @param dirtyTimestamp the {@code lastDirtyTimestamp}, epoch milliseconds (Eureka's wire format)
     * @throws IllegalArgumentException naming an attribute that is not valid
     */
    byte[] document(long dirtyTimestamp) {
        Map<String, String> attributes = registrant.attributes();
        URI address = address(attributes.get(Names.ADDRESS_ATTRIBUTE));
        String host = address == null ? null : address.getHost();
        String hostName = attributes.getOrDefault(Names.HOST_NAME_ATTRIBUTE, host == null ? "localhost" : host);
        String ip = attributes.getOrDefault(Names.IP_ADDRESS_ATTRIBUTE, host == null ? "127.0.0.1" : host);
        int port = port(attributes, Names.PORT_ATTRIBUTE, address == null ? 0 : Math.max(address.getPort(), 0));
        int securePort = port(attributes, Names.SECURE_PORT_ATTRIBUTE, 0);
        String vip = attributes.getOrDefault(
                Names.VIP_ADDRESS_ATTRIBUTE, registrant.serviceType().toLowerCase(Locale.ROOT));
        String secureVip = attributes.getOrDefault(Names.SECURE_VIP_ADDRESS_ATTRIBUTE, vip);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeObjectFieldStart("instance");
            json.writeStringField("instanceId", registrant.id());
            json.writeStringField("app", app);
            json.writeStringField("hostName", hostName);
            json.writeStringField("ipAddr", ip);
            json.writeStringField("status", status());
            json.writeStringField("overriddenStatus", "UNKNOWN");
            writePort(json, "port", port);
            writePort(json, "securePort", securePort);
            json.writeNumberField("countryId", 1);
            json.writeObjectFieldStart("dataCenterInfo");
            json.writeStringField("@class", "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo");
            json.writeStringField("name", "MyOwn");
            json.writeEndObject();
            json.writeObjectFieldStart("leaseInfo");
            json.writeNumberField("renewalIntervalInSecs", renewalSeconds);
            json.writeNumberField("durationInSecs", durationSeconds);
            json.writeEndObject();
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> attribute : attributes.entrySet()) {
                if (!attribute.getKey().startsWith(ATTRIBUTE_PREFIX)) {
                    json.writeStringField(attribute.getKey(), attribute.getValue());
                }
            }
            json.writeEndObject();
            writeOptional(json, "homePageUrl", attributes.get(Names.HOME_PAGE_URL_ATTRIBUTE));
            writeOptional(json, "statusPageUrl", attributes.get(Names.STATUS_PAGE_URL_ATTRIBUTE));
            writeOptional(json, "healthCheckUrl", attributes.get(Names.HEALTH_CHECK_URL_ATTRIBUTE));
            json.writeStringField("vipAddress", vip);
            json.writeStringField("secureVipAddress", secureVip);
            json.writeStringField("isCoordinatingDiscoveryServer", "false");
            json.writeStringField("lastUpdatedTimestamp", Long.toString(dirtyTimestamp));
            json.writeStringField("lastDirtyTimestamp", Long.toString(dirtyTimestamp));
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the instance document", e);
        }
        return out.toByteArray();
    }

    /** Checks the attributes that {@link #document} reads, so that {@code send} fails early. */
    Instance checked() {
        Map<String, String> attributes = registrant.attributes();
        URI address = address(attributes.get(Names.ADDRESS_ATTRIBUTE));
        port(attributes, Names.PORT_ATTRIBUTE, address == null ? 0 : Math.max(address.getPort(), 0));
        port(attributes, Names.SECURE_PORT_ATTRIBUTE, 0);
        status();
        return this;
    }

    private static void writePort(JsonGenerator json, String name, int port) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("$", port);
        json.writeStringField("@enabled", port > 0 ? "true" : "false");
        json.writeEndObject();
    }

    private static void writeOptional(JsonGenerator json, String name, @Nullable String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /** {@code host:port} as a URI, or null when absent or not of that form (it is then only metadata). */
    private static @Nullable URI address(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create("//" + value.strip());
            return uri.getHost() == null ? null : uri;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static int port(Map<String, String> attributes, String name, int absent) {
        String value = attributes.get(name);
        if (value == null) {
            return absent;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("attribute " + name + " must be a port, 1 to 65535, was '" + value + "'");
    }

    private static long seconds(RegistrantInfo registrant, String name, long absent) {
        String value = registrant.attributes().get(name);
        if (value == null) {
            return absent;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 1 && seconds <= Integer.MAX_VALUE) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "attribute " + name + " must be whole seconds, at least 1, was '" + value + "'");
    }
}
