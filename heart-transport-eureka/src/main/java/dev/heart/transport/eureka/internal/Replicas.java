package dev.heart.transport.eureka.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the replicas a Eureka server reports in its status document ({@code GET {root}/status}):
 * the comma-separated service URLs in {@code available-replicas}, then those only in
 * {@code registered-replicas} (available first), as targets of this transport. Stateless.
 */
final class Replicas {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    static final String AVAILABLE = "available-replicas";
    static final String REGISTERED = "registered-replicas";

    private Replicas() {
    }

    /**
     * The replicas in {@code body}, in order; empty when it names none.
     *
     * @throws IOException when {@code body} is not JSON
     */
    static List<URI> parse(byte[] body) throws IOException {
        Map<String, String> fields = new TreeMap<>();
        try (JsonParser parser = FACTORY.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ((name.equals(AVAILABLE) || name.equals(REGISTERED)) && value == JsonToken.VALUE_STRING) {
                        fields.put(name, parser.getText());
                    }
                }
            }
        }
        Set<URI> replicas = new LinkedHashSet<>();
        add(replicas, fields.get(AVAILABLE));
        add(replicas, fields.get(REGISTERED));
        return List.copyOf(replicas);
    }

    private static void add(Set<URI> replicas, String list) {
        if (list == null) {
            return;
        }
        for (String url : list.split(",")) {
            if (!url.isBlank()) {
                URI target = Target.fromServiceUrl(url);
                if (target != null) {
                    replicas.add(target);
                }
            }
        }
    }
}
