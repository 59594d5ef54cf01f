package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registrant's defaults, resolved from the properties and the environment. */
class HeartSettingsTest {

    private static HeartSettings settings(HeartProperties properties, String serverAddress) {
        properties.setRegistry(java.util.List.of("tcp://registry.local:7070"));
        return HeartSettings.from(properties, "orders", serverAddress, Set.of("tcp"));
    }

    @Test
    void theServerAddressIsAnnouncedUnlessItIsAWildcard() {
        assertEquals("10.0.0.7", settings(new HeartProperties(), "10.0.0.7").host());
        for (String wildcard : new String[] {"0.0.0.0", "::", "[::]"}) {
            assertNotEquals(wildcard, settings(new HeartProperties(), wildcard).host());
        }
        HeartProperties explicit = new HeartProperties();
        explicit.getRegistrant().setHost("orders.local");
        assertEquals("orders.local", settings(explicit, "10.0.0.7").host());
    }

    @Test
    void theIdJoinsServiceHostAndPortAndTheAttributesNameTheAddress() {
        HeartProperties properties = new HeartProperties();
        properties.getRegistrant().getAttributes().put("port", "443");
        HeartRegistration registration = new HeartRegistration(
                settings(properties, "10.0.0.7"),
                null,
                () -> 8080,
                (builder, registry) -> builder.build(),
                java.util.Map::of);
        var registrant = registration.registrant(8080);
        assertEquals("orders-10.0.0.7-8080", registrant.id());
        assertEquals("orders", registrant.serviceType());
        assertEquals("10.0.0.7:8080", registrant.attributes().get("address"));
        assertEquals("443", registrant.attributes().get("port"), "a configured attribute replaces the default");
        assertEquals(
                "[fe80::1]:8080",
                new HeartRegistration(
                                settings(new HeartProperties(), "fe80::1"),
                                null,
                                () -> 8080,
                                (builder, registry) -> builder.build(),
                                java.util.Map::of)
                        .registrant(8080)
                        .attributes()
                        .get("address"));
        assertEquals("orders-10.0.0.7", registration.registrant(-1).id());
    }
}
