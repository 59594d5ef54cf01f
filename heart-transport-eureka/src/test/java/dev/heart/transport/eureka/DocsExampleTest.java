package dev.heart.transport.eureka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.security.Credentials;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.FailoverBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The snippet of docs/eureka.md is this compiled example, line for line, and it works on a real Eureka server. */
class DocsExampleTest {

    static void register(URI eureka, Credentials credentials, Callable<?> serve) throws Exception {
        // DOCS-SNIPPET-START
        RegistrantInfo me = new RegistrantInfo(
                "orders-1",
                "orders",
                Map.of(
                        "address",
                        "10.0.0.7:8080", // the instance's hostName, ipAddr and port
                        "eureka.durationInSecs",
                        "30",
                        "zone",
                        "eu-1")); // a 30 s lease; "zone" goes into metadata
        OutgoingRequest first = new OutgoingRequest(Request.beat(me), eureka);
        HeartBeater beater = FailoverBeater.builder(
                        first, LeaseFollowingBeater.builder().build())
                .build();
        try (RequestProtocol transport =
                        EurekaTransport.builder().credentials(credentials).build();
                Heart heart = Heart.builder(beater).protocol(transport).build()) {
            Beating beating = heart.start(first, Duration.ofSeconds(2), 1);
            serve.call(); // ... serve: renewed every 10 s (a third of the lease)
            beating.stop(); // cancels: gone from GET /eureka/apps at once
        }
        // DOCS-SNIPPET-END
    }

    @Test
    void theExampleRegistersWhileItServesAndCancelsOnStop() throws Exception {
        try (EurekaServer server = EurekaServer.start()) {
            // a plain HTTP server on loopback: the test opts in by the one name
            register(
                    server.target(),
                    Credentials.of("heart", "secret".toCharArray()).allowPlaintextCredentials(),
                    () -> {
                        Await.until("listed", () -> server.instances("orders").equals(Set.of("orders-1")));
                        String shown =
                                server.get("/eureka/apps/ORDERS/orders-1").body();
                        assertTrue(
                                shown.contains("\"zone\":\"eu-1\"") && shown.contains("\"durationInSecs\":30"), shown);
                        Thread.sleep(
                                1_000); // serve a moment: listed by the server may come before the answer reaches the
                        // heart
                        return null;
                    });
            assertEquals(Set.of(), server.instances("orders"), "cancelled when the example stops");
        }
    }

    @Test
    void docsShowTheCompiledExample() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        List<String> source =
                Files.readAllLines(module.resolve("src/test/java/dev/heart/transport/eureka/DocsExampleTest.java"));
        List<String> snippet = source
                .subList(indexOf(source, "DOCS-SNIPPET-" + "START") + 1, indexOf(source, "DOCS-SNIPPET-" + "END"))
                .stream()
                .map(line -> line.substring(Math.min(8, line.length())))
                .toList();
        String docs = Files.readString(module.resolve("../docs/eureka.md"));
        assertTrue(
                docs.contains("```java\n" + String.join("\n", snippet) + "\n```"),
                "docs/eureka.md must show the example of DocsExampleTest line for line:\n"
                        + String.join("\n", snippet));
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " missing");
    }
}
