package dev.heart.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one way to give a registrant's address: withAddress, the "address" attribute, checked early. */
class RegistrantAddressTest {

    @Test
    void withAddressSetsTheOneAttributeThatAddressReads() {
        RegistrantInfo me = RegistrantInfo.of("orders-7", "orders").withAddress("10.0.0.7", 8080);
        assertEquals("10.0.0.7:8080", me.attributes().get(RegistrantInfo.ADDRESS_ATTRIBUTE));
        assertEquals(Optional.of(new RegistrantAddress("10.0.0.7", 8080)), me.address());
        RegistrantInfo v6 = me.withAddress("::1", 443);
        assertEquals("[::1]:443", v6.attributes().get("address"));
        assertEquals(Optional.of(new RegistrantAddress("::1", 443)), v6.address());
        assertEquals(Optional.empty(), RegistrantInfo.of("a", "b").address());
        assertEquals(new RegistrantAddress("orders.example", 80), RegistrantAddress.parse("orders.example:80"));
    }

    @Test
    void aBadAddressIsRefusedWhenTheRegistrantIsMade() {
        for (String bad :
                new String[] {"10.0.0.7", "10.0.0.7:0", "10.0.0.7:70000", "http://h:1", "h:1/x", "user@h:1", ""}) {
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class, () -> new RegistrantInfo("a", "b", Map.of("address", bad)), bad);
            assertTrue(refused.getMessage().contains("address"), refused.getMessage());
        }
        assertThrows(
                IllegalArgumentException.class,
                () -> RegistrantInfo.of("a", "b").withAddress("h", 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> RegistrantInfo.of("a", "b").withAddress("[::1]", 1));
    }
}
