package dev.heart.spring.boot;

import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Registers the application with the registries of {@code heart.registry}: binds and checks the
 * {@code heart.*} properties and declares the {@link HeartRegistration} lifecycle. Off with
 * {@code heart.enabled=false}.
 *
 * <p>Transports: every transport on the class path, chosen by each registry's URI scheme, unless
 * the application declares a {@link RequestProtocol} bean (for instance a transport built with
 * its own TLS or credentials settings), which is then used for every registry and closed by
 * Spring, not by heart.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "heart", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(HeartProperties.class)
public class HeartAutoConfiguration {

    /** Spring's constructor. */
    public HeartAutoConfiguration() {}

    @Bean
    ServerPort heartServerPort() {
        return new ServerPort();
    }

    /**
     * The registration lifecycle.
     *
     * @throws HeartPropertyException when a {@code heart.*} property is wrong, naming it
     */
    @Bean
    @ConditionalOnMissingBean
    HeartRegistration heartRegistration(
            HeartProperties properties,
            Environment environment,
            ObjectProvider<RequestProtocol> protocol,
            ObjectProvider<HeartFactory> factory,
            ObjectProvider<TransportOverrides> overrides,
            ServerPort heartServerPort) {
        UnknownPropertyCheck.check(environment, properties.getUnknownProperties());
        RequestProtocol userProtocol = protocol.getIfUnique();
        HeartSettings settings = HeartSettings.from(
                properties,
                environment.getProperty("spring.application.name"),
                environment.getProperty("server.address"),
                userProtocol == null ? HeartSettings.schemes(Transports.providers()) : null,
                org.springframework.boot.context.properties.bind.Binder.get(environment)
                        .bind("spring.lifecycle.timeout-per-shutdown-phase", java.time.Duration.class)
                        .orElse(java.time.Duration.ofSeconds(30)));
        return new HeartRegistration(
                settings,
                userProtocol,
                heartServerPort,
                factory.getIfUnique(() -> (builder, registry) -> builder.build()),
                () -> { // every transport configured from properties (etcd's, ZooKeeper's)
                    Map<String, dev.heart.api.spi.TransportProvider> all = new java.util.HashMap<>();
                    overrides.orderedStream().forEach(o -> all.putAll(o.providers()));
                    return all;
                });
    }

    /** The application's readiness, handed to the registration (unless heart.follow-readiness=false). */
    @Bean
    @ConditionalOnProperty(prefix = "heart", name = "follow-readiness", havingValue = "true", matchIfMissing = true)
    ReadinessListener heartReadinessListener(HeartRegistration heartRegistration) {
        return new ReadinessListener(heartRegistration);
    }

    /**
     * heart-micrometer's meters on every registration's heart, when heart-micrometer is on the
     * class path (and the application declares no {@link HeartFactory} of its own).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.heart.micrometer.HeartMeters", "io.micrometer.core.instrument.MeterRegistry"})
    static class MeterConfiguration {

        @Bean
        @ConditionalOnMissingBean(HeartFactory.class)
        HeartFactory heartMeterBinding(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meterRegistry) {
            return new MeterBindingHeartFactory(meterRegistry);
        }
    }

    /** The etcd transport with {@code heart.etcd.*}, when one of them is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.heart.transport.etcd.EtcdTransport")
    static class EtcdConfiguration {

        @Bean
        TransportOverrides heartEtcdTransport(HeartProperties properties) {
            EtcdProperties etcd = properties.getEtcd();
            return etcd.isSet() ? new ConfiguredEtcdTransport(etcd) : Map::of;
        }
    }

    /** Without the etcd transport: {@code heart.etcd.*} cannot be used, and says what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.heart.transport.etcd.EtcdTransport")
    static class NoEtcdConfiguration {

        @Bean
        TransportOverrides heartEtcdTransport(HeartProperties properties) {
            String set = properties.getEtcd().firstSet();
            if (set != null) {
                throw new HeartPropertyException(
                        set,
                        "is set, but heart-transport-etcd is not on the class path",
                        null,
                        "Add the dependency dev.heart:heart-transport-etcd (the version of heart-spring-boot-starter)"
                                + " to the application, or remove the heart.etcd.* properties.");
            }
            return Map::of;
        }
    }

    /**
     * {@code heart.registrant.health-as-status}: the application's health (the root status of the
     * actuator's health endpoint) sent as the registry's status.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "heart.registrant", name = "health-as-status", havingValue = "true")
    @ConditionalOnClass(name = "org.springframework.boot.health.actuate.endpoint.HealthEndpoint")
    static class HealthAsStatusConfiguration {

        @Bean
        HealthAsStatus heartHealthAsStatus(
                HeartRegistration heartRegistration,
                ObjectProvider<org.springframework.boot.health.actuate.endpoint.HealthEndpoint> endpoint) {
            org.springframework.boot.health.actuate.endpoint.HealthEndpoint health = endpoint.getIfUnique();
            if (health == null) {
                throw noHealthEndpoint("the application has no health endpoint (it was turned off or not exposed)");
            }
            return new HealthAsStatus(
                    heartRegistration, () -> health.health().getStatus().getCode());
        }
    }

    /** Without Spring Boot's health module: {@code heart.registrant.health-as-status} cannot be used. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "heart.registrant", name = "health-as-status", havingValue = "true")
    @ConditionalOnMissingClass("org.springframework.boot.health.actuate.endpoint.HealthEndpoint")
    static class NoHealthAsStatusConfiguration {

        @Bean
        HealthAsStatus heartHealthAsStatus() {
            throw noHealthEndpoint("spring-boot-health is not on the class path");
        }
    }

    private static HeartPropertyException noHealthEndpoint(String why) {
        return new HeartPropertyException(
                "heart.registrant.health-as-status",
                "is true, but " + why,
                null,
                "Add org.springframework.boot:spring-boot-starter-actuator to the application and keep its health"
                        + " endpoint available (it is by default), or set heart.registrant.health-as-status=false.");
    }

    /** The ZooKeeper transport with {@code heart.zookeeper.*}, when one of them is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.heart.transport.zookeeper.ZooKeeperTransport")
    static class ZooKeeperConfiguration {

        @Bean
        TransportOverrides heartZooKeeperTransport(HeartProperties properties) {
            ZooKeeperProperties zookeeper = properties.getZookeeper();
            return zookeeper.isSet() ? new ConfiguredZooKeeperTransport(zookeeper) : Map::of;
        }
    }

    /** Without the ZooKeeper transport: {@code heart.zookeeper.*} cannot be used, and says what to add. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("dev.heart.transport.zookeeper.ZooKeeperTransport")
    static class NoZooKeeperConfiguration {

        @Bean
        TransportOverrides heartZooKeeperTransport(HeartProperties properties) {
            String set = properties.getZookeeper().firstSet();
            if (set != null) {
                throw new HeartPropertyException(
                        set,
                        "is set, but heart-transport-zookeeper is not on the class path",
                        null,
                        "Add the dependency dev.heart:heart-transport-zookeeper (the version of"
                                + " heart-spring-boot-starter) to the application, or remove the heart.zookeeper.*"
                                + " properties.");
            }
            return Map::of;
        }
    }

    /** Learns the web server's port, when the application has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
    static class WebServerPortConfiguration {

        @Bean
        WebServerPortListener heartWebServerPortListener(ServerPort heartServerPort) {
            return new WebServerPortListener(heartServerPort);
        }
    }
}
