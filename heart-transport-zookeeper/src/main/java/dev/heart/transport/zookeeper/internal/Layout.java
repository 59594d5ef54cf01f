package dev.heart.transport.zookeeper.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.heart.api.RegistrantInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The znode layout and document that Curator's service discovery and Spring Cloud Zookeeper read.
 */
public final class Layout {
    /** Plaintext scheme. */
    public static final String SCHEME = "zk";
    /** TLS scheme. */
    public static final String TLS_SCHEME = "zks";
    /** Registrant attribute holding {@code host:port}. */
    public static final String ADDRESS_ATTRIBUTE = "address";
    /** Spring Cloud Zookeeper's default root. */
    public static final String ROOT = "/services";
    /** Spring Cloud Zookeeper's payload class. */
    public static final String PAYLOAD_CLASS = "org.springframework.cloud.zookeeper.discovery.ZookeeperInstance";

    private static final JsonFactory JSON = new JsonFactory();

    private Layout() {}

    /**
     * {@code root/serviceType/id}.
     *
     * @param root       the base path
     * @param registrant who
     * @return the znode path
     */
    public static String path(String root, RegistrantInfo registrant) {
        return servicePath(root, registrant.serviceType()) + "/" + name(registrant.id(), "id");
    }

    static String servicePath(String root, String serviceType) {
        return root + "/" + name(serviceType, "serviceType");
    }

    private static String name(String value, String what) {
        if (value.indexOf('/') >= 0 || value.equals(".") || value.equals("..") || value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(
                    "the registrant's " + what + " cannot be a znode name (no '/', '.', '..'): '" + value + "'");
        }
        return value;
    }

    /**
     * Checks a base path.
     *
     * @param root the path
     * @return it
     */
    public static String checkRoot(String root) {
        if (!root.startsWith("/")
                || root.length() < 2
                || root.endsWith("/")
                || root.contains("//")
                || root.contains("/./")
                || root.contains("/../")
                || root.endsWith("/.")
                || root.endsWith("/..")) {
            throw new IllegalArgumentException(
                    "root must be an absolute znode path like /services, was '" + root + "'");
        }
        return root;
    }

    /**
     * The document's {@code registrationTimeUTC}: the one wall-clock read of this module, a
     * timestamp for the registry's readers, never used to measure a duration.
     *
     * @return milliseconds since the epoch
     */
    static long registrationTime() {
        return java.time.Instant.now().toEpochMilli();
    }

    /** Host and port of a registrant; both may be null. */
    record Address(@Nullable String host, @Nullable Integer port) {
        static final Address NONE = new Address(null, null);

        static Address of(RegistrantInfo registrant) {
            String value = registrant.attributes().get(ADDRESS_ATTRIBUTE);
            if (value == null) {
                return NONE;
            }
            String v = value.strip();
            String host;
            String port = null;
            if (v.startsWith("[")) {
                int end = v.indexOf(']');
                if (end < 0) {
                    throw bad(value);
                }
                host = v.substring(1, end);
                if (end + 1 < v.length()) {
                    if (v.charAt(end + 1) != ':') {
                        throw bad(value);
                    }
                    port = v.substring(end + 2);
                }
            } else {
                int colon = v.lastIndexOf(':');
                if (colon >= 0 && v.indexOf(':') != colon) {
                    host = v; // a bare IPv6 address, no port
                } else if (colon >= 0) {
                    host = v.substring(0, colon);
                    port = v.substring(colon + 1);
                } else {
                    host = v;
                }
            }
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
                throw bad(value);
            }
            Integer number = null;
            if (port != null) {
                try {
                    number = Integer.valueOf(port);
                } catch (NumberFormatException e) {
                    throw bad(value);
                }
                if (number < 1 || number > 65535) {
                    throw bad(value);
                }
            }
            return new Address(host, number);
        }

        private static IllegalArgumentException bad(String value) {
            return new IllegalArgumentException("attribute '" + ADDRESS_ATTRIBUTE
                    + "' must be host, host:port or [ipv6]:port with a port of 1 to 65535, was '" + value + "'");
        }
    }

    /**
     * The znode's data: Curator's {@code ServiceInstance} JSON as its default
     * {@code JsonInstanceSerializer} writes it, with Spring Cloud Zookeeper's payload.
     *
     * @param registrant          who
     * @param registrationTimeUtc when, in milliseconds since the epoch
     * @return UTF-8 JSON
     */
    static byte[] document(RegistrantInfo registrant, long registrationTimeUtc) {
        Address address = Address.of(registrant);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("name", registrant.serviceType());
            json.writeStringField("id", registrant.id());
            json.writeStringField("address", address.host());
            if (address.port() == null) {
                json.writeNullField("port");
            } else {
                json.writeNumberField("port", address.port().intValue());
            }
            json.writeNullField("sslPort");
            json.writeObjectFieldStart("payload");
            json.writeStringField("@class", PAYLOAD_CLASS);
            json.writeStringField("id", registrant.id());
            json.writeStringField("name", registrant.serviceType());
            json.writeObjectFieldStart("metadata");
            for (Map.Entry<String, String> attribute : registrant.attributes().entrySet()) {
                if (!attribute.getKey().equals(ADDRESS_ATTRIBUTE)) {
                    json.writeStringField(attribute.getKey(), attribute.getValue());
                }
            }
            json.writeEndObject();
            json.writeEndObject();
            json.writeNumberField("registrationTimeUTC", registrationTimeUtc);
            json.writeStringField("serviceType", "DYNAMIC");
            // Spring Cloud Zookeeper's default URI spec, {scheme}://{address}:{port}
            json.writeObjectFieldStart("uriSpec");
            json.writeArrayFieldStart("parts");
            part(json, "scheme", true);
            part(json, "://", false);
            part(json, "address", true);
            part(json, ":", false);
            part(json, "port", true);
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void part(JsonGenerator json, String value, boolean variable) throws IOException {
        json.writeStartObject();
        json.writeStringField("value", value);
        json.writeBooleanField("variable", variable);
        json.writeEndObject();
    }
}
