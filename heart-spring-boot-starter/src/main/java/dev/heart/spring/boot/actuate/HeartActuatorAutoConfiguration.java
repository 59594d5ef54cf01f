package dev.heart.spring.boot.actuate;

import dev.heart.spring.boot.HeartAutoConfiguration;
import dev.heart.spring.boot.HeartRegistration;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The actuator side of the registration, each part only when its Spring Boot module is on the
 * class path: the health indicator {@code heart} (spring-boot-health; off with
 * {@code management.health.heart.enabled=false}) and the endpoint {@code heart}
 * (spring-boot-actuator-autoconfigure; available when exposed).
 */
@AutoConfiguration(after = HeartAutoConfiguration.class)
@ConditionalOnBean(HeartRegistration.class)
public class HeartActuatorAutoConfiguration {

    /** Spring's constructor. */
    public HeartActuatorAutoConfiguration() {}

    /** The health indicator. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    @ConditionalOnEnabledHealthIndicator("heart")
    static class Health {

        @Bean
        @ConditionalOnMissingBean(name = "heartHealthIndicator")
        HeartHealthIndicator heartHealthIndicator(HeartRegistration heartRegistration) {
            return new HeartHealthIndicator(heartRegistration);
        }
    }

    /**
     * Masks heart's secrets ({@code heart.etcd.password}, {@code heart.zookeeper.password}, in any
     * form Spring binds) in
     * {@code /actuator/configprops} and {@code /actuator/env}, whatever {@code show-values} says.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.SanitizingFunction")
    static class Secrets {

        @Bean
        org.springframework.boot.actuate.endpoint.SanitizingFunction heartSecrets() {
            return new HeartSecrets();
        }
    }

    /** The endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(
            name = "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint")
    @ConditionalOnAvailableEndpoint(HeartEndpoint.class)
    static class Endpoint {

        @Bean
        @ConditionalOnMissingBean
        HeartEndpoint heartEndpoint(HeartRegistration heartRegistration) {
            return new HeartEndpoint(heartRegistration);
        }
    }
}
