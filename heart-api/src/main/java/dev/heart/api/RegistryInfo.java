package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Who answered: a registry's id, the service type it serves, its own address, the addresses of
 * other registries a registrant may move to, and free-form attributes.
 *
 * @param id          the registry's id; not blank
 * @param serviceType the service type it accepts; not blank
 * @param address     where it is reached, for instance {@code tcp://10.0.0.5:7070}
 * @param candidates  addresses of other registries, in the registry's order of preference; no
 *                    null element; copied
 * @param attributes  string attributes; no null key or value; copied
 */
public record RegistryInfo(
        String id, String serviceType, URI address, List<URI> candidates, Map<String, String> attributes) {

    /**
     * Validates and copies the components.
     *
     * @param id          the registry's id; not blank
     * @param serviceType the service type it accepts; not blank
     * @param address     where it is reached
     * @param candidates  addresses of other registries; no null element
     * @param attributes  string attributes; no null key or value
     */
    public RegistryInfo {
        Checks.notBlank(id, "id");
        Checks.notBlank(serviceType, "serviceType");
        Checks.notNull(address, "address");
        Checks.notNull(candidates, "candidates");
        for (URI candidate : candidates) {
            Checks.notNull(candidate, "candidate");
        }
        candidates = List.copyOf(candidates);
        attributes = Attributes.copy(attributes);
    }

    /**
     * A registry without candidates or attributes.
     *
     * @param id          the registry's id; not blank
     * @param serviceType the service type it accepts; not blank
     * @param address     where it is reached
     * @return the registry information
     */
    public static RegistryInfo of(String id, String serviceType, URI address) {
        return new RegistryInfo(id, serviceType, address, List.of(), Map.of());
    }
}
