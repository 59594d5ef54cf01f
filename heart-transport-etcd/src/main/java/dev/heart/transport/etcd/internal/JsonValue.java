package dev.heart.transport.etcd.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The value stored under a registrant's key: its attributes as one JSON object, UTF-8. */
final class JsonValue {
    private JsonValue() {}

    /** {@code attributes} as a JSON object, in their iteration order. */
    static byte[] of(Map<String, String> attributes) {
        StringBuilder json = new StringBuilder(16 + attributes.size() * 32).append('{');
        boolean first = true;
        for (Map.Entry<String, String> entry : attributes.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            string(json, entry.getKey());
            json.append(':');
            string(json, entry.getValue());
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
