package dev.heart.api;

import dev.heart.api.internal.Checks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies attribute maps, keeping insertion order and refusing null keys and values. */
final class Attributes {
    private Attributes() {}

    static Map<String, String> copy(Map<String, String> attributes) {
        Checks.notNull(attributes, "attributes");
        if (attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>(attributes.size() * 2);
        attributes.forEach((key, value) -> {
            Checks.notNull(key, "attribute key");
            Checks.notNull(value, "value of attribute '" + key + "'");
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
