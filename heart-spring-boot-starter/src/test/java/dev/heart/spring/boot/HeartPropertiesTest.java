package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartException;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.context.ConfigurableApplicationContext;

/** Bad {@code heart.*} values fail startup with a message naming the property. */
class HeartPropertiesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "heart.registry=tcp://bad host:7070 | heart.registry[0] | is not a URI",
                "heart.registry=registry.local:7070 | heart.registry[0] | expected scheme://host:port",
                "heart.registry=tcp://registry.local | heart.registry[0] | expected scheme://host:port",
                "heart.registry=tcp://a.local:1,tcp//b.local:2 | heart.registry[1] | expected scheme://host:port",
                "heart.registry=foo://registry.local:2181 | heart.registry[0] | no transport for scheme 'foo'",
                "heart.registry=tcp://a.local:1,tcp://a.local:1 | heart.registry[1] | listed twice",
                "heart.enabled=true | heart.registry | set at least one registry address",
                "heart.beater.fraction=1.5 | heart.beater.fraction | '1.5' is not accepted",
                "heart.beater.fraction=2/3s | heart.beater.fraction | '2/3s' is not a fraction",
                "heart.beater.attempt-timeout=0s | heart.beater.attempt-timeout | must be a positive duration",
                "heart.beater.max-retries=-1 | heart.beater.max-retries | must be zero or more",
                "heart.beater.backoff-max=10ms | heart.beater.backoff-max | must not be less than",
                "heart.restart-delay=-1s | heart.restart-delay | must be a positive duration",
            })
    void aBadValueFailsStartupNamingTheProperty(String setting, String property, String problem) {
        String[] properties = setting.startsWith("heart.registry=")
                ? new String[] {"spring.application.name=orders", setting}
                : new String[] {"spring.application.name=orders", "heart.registry=tcp://127.0.0.1:1", setting};
        if (setting.equals("heart.enabled=true")) {
            properties = new String[] {"spring.application.name=orders", setting};
        }
        HeartPropertyException failure = propertyFailure(properties);
        assertEquals(property, failure.property());
        assertTrue(failure.getMessage().startsWith(property + ": "), failure.getMessage());
        assertTrue(failure.getMessage().contains(problem), failure.getMessage());
    }

    @Test
    void theServiceDefaultsToTheApplicationNameAndIsRequired() {
        HeartPropertyException failure = propertyFailure("heart.registry=tcp://127.0.0.1:1");
        assertEquals("heart.registrant.service", failure.property());
        assertTrue(failure.getMessage().contains("spring.application.name"), failure.getMessage());
    }

    @Test
    void anUnknownSchemeListsTheTransportsOnTheClassPath() {
        HeartPropertyException failure =
                propertyFailure("spring.application.name=orders", "heart.registry=foo://registry.local:2181");
        String available =
                new java.util.TreeSet<>(dev.heart.api.Transports.providers().keySet()).toString();
        assertTrue(available.contains("etcd") && available.contains("tcp"), available);
        assertTrue(
                failure.getMessage()
                        .contains("add a module that provides dev.heart.api.spi.TransportProvider"
                                + " for it; available: " + available),
                failure.getMessage());
        // a transport of ours, absent: the one hint table names it. Every transport of ours is on this
        // class path, so the schemes served are given as they would be without heart-transport-zookeeper
        HeartProperties properties = new HeartProperties();
        properties.setRegistry(java.util.List.of("zks://registry.local:2181"));
        HeartPropertyException zk = assertThrows(
                HeartPropertyException.class,
                () -> HeartSettings.from(properties, "orders", null, java.util.Set.of("etcd", "tcp")));
        assertTrue(zk.getMessage().contains("add heart-transport-zookeeper; available: [etcd, tcp]"), zk.getMessage());
    }

    @Test
    void aValueSpringCannotConvertIsNamedBySpring() {
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> TestApp.plain(
                        "spring.application.name=orders",
                        "heart.registry=tcp://127.0.0.1:1",
                        "heart.beater.attempt-timeout=soon"));
        assertTrue(messages(failure).contains("heart.beater.attempt-timeout"), messages(failure));
    }

    @Test
    void failFastStopsStartupWhenTheRegistryDoesNotAccept() {
        int nobody = TcpRegistrationTest.freePort();
        RuntimeException failure = assertThrows(
                RuntimeException.class,
                () -> TestApp.plain(
                        "spring.application.name=orders",
                        "heart.registry=tcp://127.0.0.1:" + nobody,
                        "heart.fail-fast=true",
                        "heart.fail-fast-timeout=2s",
                        "heart.beater.attempt-timeout=200ms"));
        HeartException cause = rootOf(failure, HeartException.class);
        assertTrue(
                cause.getMessage().contains("heart.fail-fast is on and tcp://127.0.0.1:" + nobody + " did not accept"),
                cause.getMessage());
    }

    @Test
    void failFastStartsOnceTheRegistryAccepted() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry);
                ConfigurableApplicationContext context = TestApp.plain(
                        "spring.application.name=orders", "heart.registry=" + server.uri(), "heart.fail-fast=true")) {
            assertTrue(registry.of("orders") != null, "fail-fast returned before the registry accepted");
            assertTrue(context.isRunning());
        }
    }

    static HeartPropertyException propertyFailure(String... properties) {
        RuntimeException failure = assertThrows(
                RuntimeException.class, () -> TestApp.plain(properties).close());
        return rootOf(failure, HeartPropertyException.class);
    }

    static <T extends Throwable> T rootOf(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among the causes of " + failure, failure);
    }

    static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
