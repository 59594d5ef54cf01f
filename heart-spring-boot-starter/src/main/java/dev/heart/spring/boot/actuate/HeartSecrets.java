package dev.heart.spring.boot.actuate;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the values of heart's secret properties wherever the actuator shows properties
 * ({@code /actuator/configprops}, {@code /actuator/env}), in every form Spring binds them
 * ({@code heart.etcd.password}, {@code HEART_ETCD_PASSWORD}, {@code heart.zookeeper.password}, ...). Stateless.
 */
final class HeartSecrets implements SanitizingFunction {
    private static final Set<String> SECRETS = Set.of("heartetcdpassword", "heartzookeeperpassword");

    @Override
    public SanitizableData apply(SanitizableData data) {
        String key = data.getKey() == null
                ? ""
                : data.getKey().replaceAll("[-._\\[\\]]", "").toLowerCase(Locale.ROOT);
        return SECRETS.contains(key) ? data.withValue(SanitizableData.SANITIZED_VALUE) : data;
    }
}
