package dev.heart.spring.boot;

import java.beans.BeanInfo;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Every {@code heart.*} key, read from {@link HeartProperties} itself (so it cannot fall behind
 * it), each with an example setting: for the unknown-key check and the failure analyzer.
 * Immutable.
 */
final class KnownProperties {
    /** The keys whose values are maps: any key below them is known. */
    static final Set<String> MAPS = Set.of("heart.registrant.attributes");

    /** Examples for the keys whose defaults are none (or derived), by key. */
    private static final Map<String, String> EXAMPLES = Map.ofEntries(
            Map.entry("heart.registry", "tcp://registry.local:7070"),
            Map.entry("heart.registrant.id", "orders-1"),
            Map.entry("heart.registrant.service", "orders"),
            Map.entry("heart.registrant.host", "10.0.0.5"),
            Map.entry("heart.etcd.ca-bundle", "/etc/heart/etcd-ca.pem"),
            Map.entry("heart.etcd.client-certificate", "/etc/heart/client.pem"),
            Map.entry("heart.etcd.client-key", "/etc/heart/client-key.pem"),
            Map.entry("heart.etcd.user", "orders"),
            Map.entry("heart.etcd.password", "${ETCD_PASSWORD}"),
            Map.entry("heart.etcd.default-ttl", "10s"),
            Map.entry("heart.zookeeper.ca-bundle", "/etc/heart/zk-ca.pem"),
            Map.entry("heart.zookeeper.client-certificate", "/etc/heart/client.pem"),
            Map.entry("heart.zookeeper.client-key", "/etc/heart/client-key.pem"),
            Map.entry("heart.zookeeper.user", "orders"),
            Map.entry("heart.zookeeper.password", "${ZK_PASSWORD}"),
            Map.entry("heart.zookeeper.session-timeout", "15s"));

    /** Each key with an example value. */
    private static final Map<String, String> KEYS = keys();

    private KnownProperties() {}

    /**
     * The known keys.
     *
     * @return canonical names (kebab case, no index), sorted
     */
    static Set<String> names() {
        return KEYS.keySet();
    }

    /**
     * Whether {@code name} is a known key, an element of a known list or an entry of a known map,
     * compared as Spring binds (case and dashes aside).
     */
    static boolean known(ConfigurationPropertyName name) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (!name.isNumericIndex(i)) {
                key.append(key.isEmpty() ? "" : ".").append(name.getElement(i, ConfigurationPropertyName.Form.UNIFORM));
            }
        }
        return matches(key.toString(), KnownProperties::uniform);
    }

    /**
     * Whether {@code name}, read from an environment variable (where '-' and '.' cannot be told
     * apart), may be a known key.
     */
    static boolean knownLoosely(ConfigurationPropertyName name) {
        return known(name) || matches(loose(name.toString().replaceAll("\\[\\d+]", "")), KnownProperties::loose);
    }

    private static boolean matches(String key, java.util.function.UnaryOperator<String> form) {
        return KEYS.keySet().stream().anyMatch(known -> form.apply(known).equals(key))
                || MAPS.stream()
                        .map(map -> form.apply(map + "."))
                        .anyMatch(map -> key.startsWith(map) && key.length() > map.length());
    }

    private static String uniform(String key) {
        return key.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static String loose(String name) {
        return name.replace("-", "").replace(".", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The known key nearest to {@code name} (by edit distance), with a map key's entry kept.
     *
     * @return the key
     */
    static String closest(String name) {
        @Nullable String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates(name)) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Objects.requireNonNull(best, "no candidates"); // KEYS is never empty
    }

    private static Collection<String> candidates(String name) {
        java.util.List<String> all = new java.util.ArrayList<>(KEYS.keySet());
        String[] parts = name.split("\\.", 4);
        if (parts.length == 4) {
            for (String map : MAPS) {
                all.add(map + "." + parts[3]);
            }
        }
        return all;
    }

    /**
     * An example setting of {@code property}, like {@code heart.beater.attempt-timeout=1s}.
     *
     * @param property a key, possibly with an index or a map entry
     * @return {@code key=value}
     */
    static String example(String property) {
        String key = property.replaceAll("\\[\\d+]", "");
        for (String map : MAPS) {
            if (key.startsWith(map + ".") || key.startsWith(map + "[")) {
                return key + "=eu-1";
            }
            if (key.equals(map)) {
                return map + ".zone=eu-1";
            }
        }
        String value = KEYS.get(key);
        if (value != null) {
            return key + "=" + value;
        }
        return KEYS.keySet().stream()
                .filter(k -> k.startsWith(key + "."))
                .findFirst()
                .map(KnownProperties::example)
                .orElse("heart.registry=tcp://registry.local:7070");
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new TreeMap<>();
        walk("heart", new HeartProperties(), keys);
        return java.util.Collections.unmodifiableMap(keys);
    }

    private static void walk(String prefix, Object bean, Map<String, String> keys) {
        BeanInfo info;
        try {
            info = Introspector.getBeanInfo(bean.getClass(), Object.class);
        } catch (IntrospectionException e) {
            throw new IllegalStateException(e);
        }
        for (PropertyDescriptor descriptor : info.getPropertyDescriptors()) {
            if (descriptor.getReadMethod() == null) {
                continue;
            }
            String key = prefix + "." + kebab(descriptor.getName());
            Object value;
            try {
                value = descriptor.getReadMethod().invoke(bean);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(e);
            }
            Class<?> type = descriptor.getPropertyType();
            if (type.getPackageName().equals(KnownProperties.class.getPackageName()) && !type.isEnum()) {
                walk(key, value, keys);
            } else {
                keys.put(key, EXAMPLES.getOrDefault(key, text(value)));
            }
        }
    }

    private static String text(@Nullable Object value) {
        if (value instanceof Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
        if (value instanceof Path || value == null) {
            return "";
        }
        return value.toString();
    }

    private static String kebab(String camel) {
        StringBuilder text = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                text.append('-').append(Character.toLowerCase(c));
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
