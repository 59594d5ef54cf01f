package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/** Parsing and bad input of every command, in-process: exit codes and messages, never a stack trace. */
class CommandLineTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "demo", "registry", "beat", "load"})
    void everyCommandHasHelp(String command) {
        Console.Result result = command.isEmpty() ? Console.exec("--help") : Console.exec(command, "--help");
        assertEquals(0, result.code(), result::toString);
        assertTrue(result.out().contains("Usage: heart" + (command.isEmpty() ? "" : " " + command)), result::toString);
        assertFalse(result.out().contains("%n"), "unformatted description: " + result);
        assertTrue(result.err().isEmpty(), result::toString);
    }

    @Test
    void anUnknownFlagIsNamedWithTheUsage() {
        assertUsageError(
                Console.exec("load", "--registry", "tcp://127.0.0.1:1", "--bogus"),
                "Unknown option: '--bogus'",
                "Usage: heart load");
    }

    @Test
    void aMalformedUriIsAUserError() {
        assertUsageError(
                Console.exec("beat", "--registry", "tcp://bad host:1", "--id", "a", "--service", "s"),
                "Invalid value for option '--registry'",
                "Usage: heart beat");
        assertUsageError(Console.exec("load", "--registry", "tcp://127.0.0.1"), "has no port", "Usage: heart load");
        assertUsageError(Console.exec("load", "--registry", "no-scheme"), "needs a scheme", "Usage: heart load");
    }

    @Test
    void anUnknownSchemeGivesTheEngineMessage() {
        assertUsageError(
                Console.exec("beat", "--registry", "foo://h:1", "--id", "a", "--service", "s"),
                "no transport for scheme 'foo'",
                "Usage: heart beat");
        Console.Result load = Console.exec("load", "--registry", "foo://h:1", "--duration", "1s");
        assertUsageError(load, "available: [", "Usage: heart load");
        String available = load.err().lines().findFirst().orElse("").replaceAll(".*available: \\[(.*)\\].*", "$1");
        assertEquals(
                java.util.Set.of("etcd", "etcds", "eureka", "eurekas", "tcp", "tcps", "zk", "zks"),
                java.util.Set.of(available.split(", ")),
                "the paths hold the tcp, etcd, eureka and zookeeper transports: " + load);
    }

    @Test
    void etcdSettingsMistakesAreUserErrorsNamingTheSetting() {
        assertUsageError(
                Console.exec(
                        "beat",
                        "--registry",
                        "etcds://127.0.0.1:2379",
                        "--id",
                        "a",
                        "--service",
                        "s",
                        "--etcd-ca",
                        "/no/such/ca.pem"),
                "trust: cannot read /no/such/ca.pem",
                "Usage: heart beat");
        assertUsageError(
                Console.exec("load", "--registry", "etcd://127.0.0.1:2379", "--duration", "1s", "--etcd-user", "heart"),
                "credentials: the password of user 'heart' is missing",
                "Usage: heart load");
    }

    @Test
    void negativeAndMalformedDurationsAreUserErrors() {
        assertUsageError(Console.exec("demo", "--duration", "-5s"), "is negative", "Usage: heart demo");
        assertUsageError(Console.exec("demo", "--duration", "PT-5S"), "is negative", "Usage: heart demo");
        assertUsageError(Console.exec("demo", "--interval", "10q"), "is not a duration", "Usage: heart demo");
        assertUsageError(
                Console.exec("registry", "--timeout", "0s", "--port", "0"),
                "Invalid value for option '--timeout': '0s' is zero; it must be positive",
                "Usage: heart registry");
    }

    @Test
    void badNumbersAreUserErrors() {
        assertUsageError(Console.exec("demo", "--hearts", "0"), "--hearts must be at least 1", "Usage: heart demo");
        assertUsageError(Console.exec("demo", "--hearts", "many"), "'many' is not an int", "Usage: heart demo");
        assertUsageError(
                Console.exec("registry", "--port", "70000"), "--port must be within 0..65535", "Usage: heart registry");
    }

    @Test
    void aPortInUseIsAUserError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = String.valueOf(taken.getLocalPort());
            assertUsageError(
                    Console.exec("registry", "--port", port),
                    "cannot listen on 127.0.0.1:" + port,
                    "Usage: heart registry");
        }
    }

    @Test
    void durationsReadUnitsAndIso() {
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(10), DurationConverter.parse("10s"));
        assertEquals(Duration.ofMinutes(2), DurationConverter.parse("2m"));
        assertEquals(Duration.ofHours(1), DurationConverter.parse("1h"));
        assertEquals(Duration.ofSeconds(10), DurationConverter.parse("PT10S"));
        assertEquals(Duration.ZERO, DurationConverter.parse("0s"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("10"));
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse("-1ms"));
        assertEquals("1.5s", DurationConverter.format(Duration.ofMillis(1_500)));
        assertEquals("2m", DurationConverter.format(Duration.ofMinutes(2)));
    }

    @Test
    void badTlsOptionsAreUserErrors() {
        assertUsageError(
                Console.exec("registry", "--port", "0", "--tls-ca", "missing-ca.pem"),
                "a TLS registry needs --tls-cert and --tls-key, or --tls-p12",
                "Usage: heart registry");
        assertUsageError(
                Console.exec("registry", "--port", "0", "--tls-cert", "server.crt"),
                "--tls-cert and --tls-key go together",
                "Usage: heart registry");
        assertUsageError(
                Console.exec(
                        "beat",
                        "--registry",
                        "tcps://127.0.0.1:1",
                        "--id",
                        "a",
                        "--service",
                        "s",
                        "--tls-ca",
                        "no-such-ca.pem"),
                "TLS file no-such-ca.pem is not a readable file",
                "Usage: heart beat");
        assertUsageError(
                Console.exec("load", "--registry", "tcps://127.0.0.1:1", "--tls-client-auth", "sometimes"),
                "--tls-client-auth",
                "Usage: heart load");
        assertUsageError(
                Console.exec("load", "--registry", "tcps://127.0.0.1:1", "--tls-client-auth", "REQUIRED"),
                "--tls-client-auth REQUIRED needs --tls-ca",
                "Usage: heart load"); // never the JDK's public CAs
    }

    @Test
    void clientAuthenticationWithoutExplicitTrustIsAUserError() {
        for (String mode : new String[] {"REQUIRED", "OPTIONAL"}) {
            assertUsageError(
                    Console.exec(
                            "registry",
                            "--port",
                            "0",
                            "--tls-cert",
                            "server.crt",
                            "--tls-key",
                            "server.key",
                            "--tls-client-auth",
                            mode),
                    "--tls-client-auth " + mode + " needs --tls-ca",
                    "Usage: heart registry");
        }
    }

    @Test
    void tlsAllowNeedsClientCertificatesAndWellFormedRules() {
        assertUsageError(
                Console.exec("registry", "--port", "0", "--tls-allow", "orders-app=orders"),
                "--tls-allow needs client certificates",
                "Usage: heart registry");
        assertUsageError(
                Console.exec(
                        "registry",
                        "--port",
                        "0",
                        "--tls-cert",
                        "server.crt",
                        "--tls-key",
                        "server.key",
                        "--tls-allow",
                        "orders-app=orders"),
                "--tls-allow needs client certificates",
                "Usage: heart registry");
    }

    @Test
    void idsAndServiceTypesFromTheNetworkArePrintedWithoutControlCharacters() {
        assertEquals(
                "svc?[2J/id??",
                RegistryCommand.name(
                        new dev.heart.api.RegistrantInfo("id\u0007\u202e", "svc\u001b[2J", java.util.Map.of())));
        assertEquals("orders/orders-7", RegistryCommand.name(dev.heart.api.RegistrantInfo.of("orders-7", "orders")));
    }

    private static void assertUsageError(Console.Result result, String problem, String usage) {
        assertEquals(Main.USAGE, result.code(), result::toString);
        String firstLine = result.err().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith("heart: ") && firstLine.contains(problem), result::toString);
        assertTrue(result.err().contains(usage), result::toString);
        assertFalse(result.err().contains("\tat ") || result.err().contains("Exception in"), "stack trace: " + result);
        assertFalse(result.err().contains("WARN"), result::toString);
    }
}
