package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.util.Map;

/**
 * Who is registering: an id unique within its service type, the service type, and free-form
 * string attributes (address, version, zone...).
 *
 * @param id          the registrant's id; not null, not blank
 * @param serviceType the service type; not null, not blank
 * @param attributes  string attributes; not null, no null key or value; copied
 */
public record RegistrantInfo(String id, String serviceType, Map<String, String> attributes) {

    /**
     * Validates and copies the components.
     *
     * @param id          the registrant's id; not null, not blank
     * @param serviceType the service type; not null, not blank
     * @param attributes  string attributes; not null, no null key or value
     */
    public RegistrantInfo {
        Checks.notBlank(id, "id");
        Checks.notBlank(serviceType, "serviceType");
        attributes = Attributes.copy(attributes);
    }

    /**
     * A registrant without attributes.
     *
     * @param id          the registrant's id; not null, not blank
     * @param serviceType the service type; not null, not blank
     * @return the registrant
     */
    public static RegistrantInfo of(String id, String serviceType) {
        return new RegistrantInfo(id, serviceType, Map.of());
    }
}
