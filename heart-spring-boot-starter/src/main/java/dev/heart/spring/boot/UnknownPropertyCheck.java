package dev.heart.spring.boot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Finds the {@code heart.*} keys of the environment that no property of {@link HeartProperties}
 * binds (misspellings, which Spring ignores): from a property file, the command line or the
 * application's own defaults they fail startup, or only warn with
 * {@code heart.unknown-properties=warn}; from environment variables they only warn, since
 * unrelated {@code HEART_*} variables may exist. Stateless.
 */
final class UnknownPropertyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownPropertyCheck.class);
    private static final ConfigurationPropertyName HEART = ConfigurationPropertyName.of("heart");

    private UnknownPropertyCheck() {}

    /**
     * Checks every {@code heart.*} key of {@code environment}.
     *
     * @throws HeartPropertyException for the first unknown key that fails startup
     */
    static void check(Environment environment, HeartProperties.UnknownProperties mode) {
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean fromEnvironmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.stream().filter(HEART::isAncestorOf).forEach(name -> {
                String key = name.toString();
                if (fromEnvironmentVariables ? KnownProperties.knownLoosely(name) : KnownProperties.known(name)) {
                    return;
                }
                ConfigurationProperty property = source.getConfigurationProperty(name);
                String origin = property == null || property.getOrigin() == null
                        ? String.valueOf(source.getUnderlyingSource())
                        : property.getOrigin().toString();
                String closest = KnownProperties.closest(key);
                String problem = "unknown property (" + origin + "); the closest known is " + closest;
                if (fromEnvironmentVariables || mode == HeartProperties.UnknownProperties.WARN) {
                    LOG.warn("heart: {}: {}", key, problem);
                    return;
                }
                throw new HeartPropertyException(
                        key,
                        problem,
                        null,
                        "Rename " + key + " to " + closest
                                + " (for example " + KnownProperties.example(closest)
                                + ") or remove it. To only warn about"
                                + " unknown heart.* keys, set heart.unknown-properties=warn.");
            });
        }
    }
}
