package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who is registering: an id unique within its service type, the service type, and free-form
 * string attributes (version, zone...). Where the registrant serves is the
 * {@value #ADDRESS_ATTRIBUTE} attribute, {@code host:port} ({@link #withAddress(String, int)},
 * {@link #address()}), which every transport maps to its registry's own fields (see
 * {@link RegistrantAddress}).
 *
 * @param id          the registrant's id; not blank
 * @param serviceType the service type; not blank
 * @param attributes  string attributes; no null key or value; copied; an
 *                    {@value #ADDRESS_ATTRIBUTE} attribute must be {@code host:port}
 */
public record RegistrantInfo(String id, String serviceType, Map<String, String> attributes) {
    /** The attribute that holds where the registrant serves, {@code host:port}; see {@link RegistrantAddress}. */
    public static final String ADDRESS_ATTRIBUTE = "address";

    /**
     * Validates and copies the components.
     *
     * @param id          the registrant's id; not blank
     * @param serviceType the service type; not blank
     * @param attributes  string attributes; no null key or value
     * @throws IllegalArgumentException when the {@value #ADDRESS_ATTRIBUTE} attribute is not {@code host:port}
     */
    public RegistrantInfo {
        Checks.notBlank(id, "id");
        Checks.notBlank(serviceType, "serviceType");
        attributes = Attributes.copy(attributes);
        String address = attributes.get(ADDRESS_ATTRIBUTE);
        if (address != null) {
            RegistrantAddress.parse(address);
        }
    }

    /**
     * Where the registrant serves, from its {@value #ADDRESS_ATTRIBUTE} attribute.
     *
     * @return the address, or empty when none was given
     */
    public Optional<RegistrantAddress> address() {
        String address = attributes.get(ADDRESS_ATTRIBUTE);
        return address == null ? Optional.empty() : Optional.of(RegistrantAddress.parse(address));
    }

    /**
     * This registrant, serving at {@code host:port}: the one way to give a registrant's address,
     * which every transport maps to its registry's fields.
     *
     * @param host a host name or IP address (IPv6 without brackets); not blank
     * @param port 1 to 65535
     * @return a copy with the {@value #ADDRESS_ATTRIBUTE} attribute set
     * @throws IllegalArgumentException when the host or port is not valid
     */
    public RegistrantInfo withAddress(String host, int port) {
        Map<String, String> copy = new LinkedHashMap<>(attributes);
        copy.put(ADDRESS_ATTRIBUTE, new RegistrantAddress(host, port).toString());
        return new RegistrantInfo(id, serviceType, copy);
    }

    /**
     * A registrant without attributes.
     *
     * @param id          the registrant's id; not blank
     * @param serviceType the service type; not blank
     * @return the registrant
     */
    public static RegistrantInfo of(String id, String serviceType) {
        return new RegistrantInfo(id, serviceType, Map.of());
    }
}
