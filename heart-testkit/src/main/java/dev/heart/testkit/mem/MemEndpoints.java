package dev.heart.testkit.mem;

import dev.heart.testkit.internal.Checks;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The JVM-wide table of endpoints bound by name, which the {@code mem} transport looks up. */
public final class MemEndpoints {
    private static final ConcurrentMap<String, MemEndpoint> BOUND = new ConcurrentHashMap<>();

    private MemEndpoints() {}

    /** {@code mem://name}, checking that {@code name} is a valid authority. */
    public static URI uri(String name) {
        Checks.notBlank(name, "name");
        URI uri = URI.create("mem://" + name);
        if (!name.equals(uri.getAuthority())) {
            throw new IllegalArgumentException(
                    "name must be a plain URI authority (letters, digits, '-', '.', '_'), was '" + name + "'");
        }
        return uri;
    }

    /** The name a {@code mem} URI addresses. */
    static String nameOf(URI target) {
        String authority = target.getAuthority();
        return authority != null ? authority : target.getSchemeSpecificPart();
    }

    /**
     * Binds {@code endpoint} under {@code name}.
     *
     * @throws IllegalStateException when the name is taken
     */
    public static void bind(String name, MemEndpoint endpoint) {
        Checks.notNull(endpoint, "endpoint");
        MemEndpoint previous = BOUND.putIfAbsent(Checks.notBlank(name, "name"), endpoint);
        if (previous != null) {
            throw new IllegalStateException("mem name '" + name + "' is already bound to " + previous);
        }
    }

    /** Unbinds {@code name} if it is bound to {@code endpoint}. */
    public static void unbind(String name, MemEndpoint endpoint) {
        BOUND.remove(name, endpoint);
    }

    /** The endpoint bound under {@code name}, if any. */
    static Optional<MemEndpoint> lookup(String name) {
        return Optional.ofNullable(BOUND.get(name));
    }

    /** The names bound now, sorted. */
    public static Set<String> names() {
        return new TreeSet<>(BOUND.keySet());
    }
}
