package dev.heart.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.client.discovery.event.InstancePreRegisteredEvent;
import org.springframework.cloud.client.discovery.event.InstanceRegisteredEvent;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Spring Cloud sees heart's registration, when spring-cloud-commons is on the class path: a
 * {@link ServiceRegistry} and its {@code Registration} (so {@code /actuator/serviceregistry} reads
 * and sets the status), unless another registry's Spring Cloud client (Eureka, Consul, Zookeeper)
 * already provides them, and Spring Cloud's {@link InstancePreRegisteredEvent} and
 * {@link InstanceRegisteredEvent} at each registration. heart's lifecycle does the registering; no
 * Spring Cloud auto-registration is declared, so nothing registers twice.
 */
@AutoConfiguration(
        after = HeartAutoConfiguration.class,
        afterName = {
            "org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration",
            "org.springframework.cloud.consul.serviceregistry.ConsulServiceRegistryAutoConfiguration",
            "org.springframework.cloud.zookeeper.serviceregistry.ZookeeperServiceRegistryAutoConfiguration"
        },
        beforeName = "org.springframework.cloud.client.serviceregistry.ServiceRegistryAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.cloud.client.serviceregistry.ServiceRegistry")
@ConditionalOnBean(HeartRegistration.class)
public class HeartCloudAutoConfiguration {

    /** Spring's constructor. */
    public HeartCloudAutoConfiguration() {}

    @Bean
    @ConditionalOnMissingBean(ServiceRegistry.class)
    CloudServiceRegistry heartServiceRegistry() {
        return new CloudServiceRegistry();
    }

    @Bean
    @ConditionalOnMissingBean(org.springframework.cloud.client.serviceregistry.Registration.class)
    CloudRegistration heartCloudRegistration(HeartRegistration heartRegistration, Environment environment) {
        return new CloudRegistration(
                heartRegistration, environment.getProperty("server.ssl.enabled", Boolean.class, false));
    }

    @Bean
    CloudRegistrationEvents heartCloudRegistrationEvents(
            HeartRegistration heartRegistration, ApplicationEventPublisher publisher, Environment environment) {
        CloudRegistrationEvents events = new CloudRegistrationEvents(
                publisher,
                new CloudRegistration(
                        heartRegistration, environment.getProperty("server.ssl.enabled", Boolean.class, false)));
        heartRegistration.events(events);
        return events;
    }
}
