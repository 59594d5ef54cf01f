package dev.heart.transport.etcd;

import static dev.heart.transport.etcd.HeartEndToEndTest.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.LeaseFollowingBeater;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The snippet of docs/etcd.md is this compiled example, line for line, and it works on a real etcd. */
class DocsExampleTest {

    // DOCS-SNIPPET-START
    /** Keeps orders-1 registered at the etcd member {@code etcd} while {@code serve} runs. */
    static void register(URI etcd, Callable<?> serve) throws Exception {
        RegistrantInfo me =
                new RegistrantInfo("orders-1", "orders", Map.of("etcd.ttl", "6", "address", "10.0.0.7:8080"));
        OutgoingRequest first = new OutgoingRequest(Request.beat(me), etcd);
        HeartBeater beater = LeaseFollowingBeater.builder(first).build(); // at TTL/3; rides through outages
        try (Heart heart = Heart.builder(beater).build()) { // finds "etcd" by its scheme
            Beating beating = heart.start(first, Duration.ofSeconds(1), 2);
            serve.call(); // ... serve ...
            beating.stop(); // revokes the lease
        }
    }
    // DOCS-SNIPPET-END

    /** docs/etcd.md's TLS block, compiled (not run: the files are the reader's). */
    static RequestProtocol tls() {
        RequestProtocol etcd = EtcdTransport.builder()
                .tls(TlsConfig.builder()
                        .trust(Path.of("ca.pem")) // etcd's --trusted-ca-file side; default: the JDK's CAs
                        .identity(Path.of("client.pem"), Path.of("client-key.pem")) // for --client-cert-auth
                        .build())
                .build();
        return etcd;
    }

    /** docs/etcd.md's credentials block, compiled (not run: the secret is the reader's). */
    static RequestProtocol credentials() throws java.io.IOException {
        char[] password =
                Files.readString(Path.of("/run/secrets/etcd-password")).strip().toCharArray();
        RequestProtocol etcd = EtcdTransport.builder()
                .credentials(Credentials.of("heart", password)) // copied; sent to etcds:// targets only
                .build();
        java.util.Arrays.fill(password, '\0');
        return etcd;
    }

    @Test
    void theExampleRegistersWhileItServesAndLeavesNoKey() throws Exception {
        try (EtcdCluster cluster = EtcdCluster.start(1)) {
            URI etcd = cluster.member(0).target();
            register(etcd, () -> {
                await("key registered", () -> present(etcd));
                // Serve a moment: the engine sends a disconnect only for an established beating;
                // a stop while the first beat is still being answered leaves the key to its TTL.
                Thread.sleep(1_000);
                return null;
            });
            // The example's TTL is 6 s: gone within 3 s means revoked, not expired.
            awaitWithin(Duration.ofSeconds(3), "key revoked when the example stops", () -> !present(etcd));
        }
    }

    private static void awaitWithin(Duration bound, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() - end < 0, "not " + what + " within " + bound);
            Thread.sleep(20);
        }
    }

    private static boolean present(URI etcd) {
        try {
            return EtcdProbe.get(etcd, "/heart/orders/orders-1")
                    .filter(e -> e.value().contains("10.0.0.7"))
                    .isPresent();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void docsShowTheCompiledExample() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        List<String> lines =
                Files.readAllLines(module.resolve("src/test/java/dev/heart/transport/etcd/DocsExampleTest.java"));
        int start = indexOf(lines, "DOCS-SNIPPET-" + "START") + 1;
        int end = indexOf(lines, "DOCS-SNIPPET-" + "END");
        String snippet = lines.subList(start, end).stream()
                .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
                .collect(Collectors.joining("\n"));
        String docs = Files.readString(module.resolveSibling("docs").resolve("etcd.md"));
        assertTrue(
                docs.contains("```java\n" + snippet + "\n```"),
                "docs/etcd.md must show this snippet verbatim:\n" + snippet);
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
