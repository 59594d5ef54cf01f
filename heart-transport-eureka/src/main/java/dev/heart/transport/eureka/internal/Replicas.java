package dev.heart.transport.eureka.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the replicas a Eureka server reports in its status document ({@code GET {root}/status},
 * asked for as XML: the server's JSON rendering of it fails while its health is unknown): the
 * comma-separated service URLs of {@code <available-replicas>}, then those only in
 * {@code <registered-replicas>}, as targets of this transport. Stateless.
 */
final class Replicas {
    private static final Pattern AVAILABLE = element("available-replicas");
    private static final Pattern REGISTERED = element("registered-replicas");

    private Replicas() {}

    /** The replicas in {@code body}, in order; empty when it names none (or is not a status document). */
    static List<URI> parse(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        Set<URI> replicas = new LinkedHashSet<>();
        add(replicas, AVAILABLE.matcher(text));
        add(replicas, REGISTERED.matcher(text));
        return List.copyOf(replicas);
    }

    private static Pattern element(String name) {
        return Pattern.compile("<" + name + ">([^<]*)</" + name + ">");
    }

    private static void add(Set<URI> replicas, Matcher matcher) {
        if (!matcher.find()) {
            return;
        }
        String list = matcher.group(1).replace("&amp;", "&");
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
