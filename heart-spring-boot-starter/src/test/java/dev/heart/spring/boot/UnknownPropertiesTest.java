package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.DefaultResourceLoader;

/** A misspelt heart.* key fails startup naming it and the closest known key; environment variables only warn. */
class UnknownPropertiesTest {
    private static final String[] BASE = {
        "--spring.main.banner-mode=off", "--spring.application.name=orders", "--heart.registry=tcp://127.0.0.1:1"
    };

    @Test
    void aMisspeltKeyInAPropertyFileFailsStartupNamingTheClosestKnownKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("application.properties"), "heart.beater.atempt-timeout=2s\n");
        HeartPropertyException failure = failure(app(), "--spring.config.additional-location=file:" + file);
        assertEquals("heart.beater.atempt-timeout", failure.property());
        assertTrue(failure.getMessage().contains("unknown property"), failure.getMessage());
        assertTrue(failure.getMessage().contains("application.properties"), failure.getMessage());
        assertTrue(
                failure.getMessage().contains("the closest known is heart.beater.attempt-timeout"),
                failure.getMessage());
    }

    @Test
    void aMisspeltKeyOnTheCommandLineFailsStartup() {
        HeartPropertyException failure = failure(app(), "--heart.beater.max-retry=2");
        assertEquals("heart.beater.max-retry", failure.property());
        assertTrue(
                failure.getMessage().contains("the closest known is heart.beater.max-retries"), failure.getMessage());
        HeartPropertyException map = failure(app(), "--heart.registrant.atributes.zone=eu-1");
        assertEquals("heart.registrant.atributes.zone", map.property());
        assertTrue(
                map.getMessage().contains("the closest known is heart.registrant.attributes.zone"), map.getMessage());
    }

    @Test
    void knownKeysInEveryFormSpringBindsStart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(
                dir.resolve("application.properties"),
                "heart.beater.attemptTimeout=2s\nheart.registrant.attributes[etcd.ttl]=5\nheart.registry[1]=tcp://127.0.0.1:2\n");
        try (ConfigurableApplicationContext context =
                app().run(args("--spring.config.additional-location=file:" + file, "--heart.beater.max_retries=2"))) {
            HeartProperties properties = context.getBean(HeartProperties.class);
            assertEquals(java.time.Duration.ofSeconds(2), properties.getBeater().getAttemptTimeout());
            assertEquals(2, properties.getBeater().getMaxRetries());
        }
    }

    @Test
    void theUserMayAskForAWarningInstead() {
        try (LogCapture log = new LogCapture();
                ConfigurableApplicationContext context =
                        app().run(args("--heart.beater.max-retry=2", "--heart.unknown-properties=warn"))) {
            assertTrue(context.isRunning());
            assertTrue(
                    log.text()
                            .contains("WARN dev.heart.spring.boot.UnknownPropertyCheck - heart: heart.beater.max-retry:"
                                    + " unknown property"),
                    log.text());
        }
    }

    @Test
    void keysFromEnvironmentVariablesOnlyWarn() {
        SpringApplicationBuilder app = app().initializers(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment",
                        Map.of("HEART_BEATER_ATEMPT_TIMEOUT", "2s", "HEART_BEATER_ATTEMPT_TIMEOUT", "3s"))));
        try (LogCapture log = new LogCapture();
                ConfigurableApplicationContext context = app.run(BASE)) {
            assertEquals(
                    java.time.Duration.ofSeconds(3),
                    context.getBean(HeartProperties.class).getBeater().getAttemptTimeout());
            assertTrue(log.text().contains("heart: heart.beater.atempt.timeout: unknown property"), log.text());
            assertTrue(!log.text().contains("heart.beater.attempt.timeout: unknown"), log.text());
        }
    }

    @Test
    void heartEtcdWithoutTheEtcdModuleSaysToAddIt() {
        ClassLoader withoutEtcd = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("dev.heart.transport.etcd.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        HeartPropertyException failure = failure(
                app().resourceLoader(new DefaultResourceLoader(withoutEtcd)), "--heart.etcd.ca-bundle=/missing/ca.pem");
        assertEquals("heart.etcd.ca-bundle", failure.property());
        assertTrue(
                failure.getMessage().contains("heart-transport-etcd is not on the class path"), failure.getMessage());
        assertTrue(failure.action().contains("Add the dependency dev.heart:heart-transport-etcd"), failure.action());
    }

    private static SpringApplicationBuilder app() {
        return new SpringApplicationBuilder(TestApp.class).web(WebApplicationType.NONE);
    }

    private static String[] args(String... more) {
        String[] all = java.util.Arrays.copyOf(BASE, BASE.length + more.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    private static HeartPropertyException failure(SpringApplicationBuilder app, String... more) {
        RuntimeException failure =
                assertThrows(RuntimeException.class, () -> app.run(args(more)).close());
        return HeartPropertiesTest.rootOf(failure, HeartPropertyException.class);
    }
}
