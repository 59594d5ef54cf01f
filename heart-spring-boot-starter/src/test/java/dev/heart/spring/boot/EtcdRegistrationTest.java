package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real Spring Boot web application registering with a real etcd through the {@code etcd://}
 * scheme. Asserts only what the etcd transport promises: the key {@code /heart/<service>/<id>}
 * exists while the registrant beats and is gone once it disconnected.
 */
class EtcdRegistrationTest {

    @Test
    void theKeyLivesWhileTheApplicationRunsAndGoesWithIt(@TempDir Path dir) {
        try (EtcdProcess etcd = new EtcdProcess(dir)) {
            ConfigurableApplicationContext context =
                    TestApp.web("spring.application.name=orders", "heart.registry=" + etcd.target());
            String key = "/heart/orders/orders-127.0.0.1-" + TestApp.port(context);
            try {
                Await.until("the key " + key + " in etcd", () -> etcd.has(key));
                Await.until(
                        "health UP",
                        () -> TcpRegistrationTest.health(context).contains("\"status\":\"UP\""),
                        () -> TcpRegistrationTest.health(context));
                assertTrue(TcpRegistrationTest.health(context).contains("\"" + etcd.target() + "\""));
            } finally {
                context.close();
            }
            assertFalse(etcd.has(key), "the key " + key + " is still in etcd after close()");
        }
    }

    @Test
    void theCredentialsOfHeartEtcdReachTheTransportAndNeverTheHealth(@TempDir Path dir) {
        try (EtcdProcess etcd = new EtcdProcess(dir)) {
            etcd.enableAuth("s3cret-pw");
            ConfigurableApplicationContext wrong = TestApp.web(
                    "spring.application.name=vault",
                    "heart.registry=" + etcd.target(),
                    "heart.etcd.user=root",
                    "heart.etcd.password=not-the-pw",
                    "heart.etcd.allow-plaintext-credentials=true");
            try {
                HeartRegistration registration = wrong.getBean(HeartRegistration.class);
                Await.until(
                        "an attempt failed",
                        () -> registration.snapshots().get(0).failedAttempts() > 0);
                String health = TcpRegistrationTest.health(wrong);
                assertTrue(health.contains("\"registration\":\"UNREGISTERED\""), health);
                assertFalse(health.contains("not-the-pw"), "the password shows in the health: " + health);
                assertFalse(TestApp.http(wrong, "GET", "/actuator/heart").body().contains("not-the-pw"));
            } finally {
                wrong.close();
            }

            ConfigurableApplicationContext context = TestApp.web(
                    "spring.application.name=vault",
                    "heart.registry=" + etcd.target(),
                    "heart.etcd.user=root",
                    "heart.etcd.password=s3cret-pw",
                    "heart.etcd.allow-plaintext-credentials=true");
            String key = "/heart/vault/vault-127.0.0.1-" + TestApp.port(context);
            try {
                Await.until("the key " + key + " in etcd", () -> etcd.has(key, "s3cret-pw"));
            } finally {
                context.close();
            }
            assertFalse(etcd.has(key, "s3cret-pw"), "the key " + key + " is still in etcd after close()");
        }
    }

    @Test
    void aClientCertificateWithoutItsKeyFailsStartupNamingTheProperty(@TempDir Path dir) throws Exception {
        Path certificate = java.nio.file.Files.writeString(dir.resolve("client.pem"), "not read");
        HeartPropertyException failure = HeartPropertiesTest.propertyFailure(
                "spring.application.name=vault",
                "heart.registry=etcds://127.0.0.1:2379",
                "heart.etcd.client-certificate=" + certificate);
        assertEquals("heart.etcd.client-key", failure.property(), failure.getMessage());
        assertTrue(failure.getMessage().contains("the key is missing"), failure.getMessage());

        HeartPropertyException unreadable = HeartPropertiesTest.propertyFailure(
                "spring.application.name=vault",
                "heart.registry=etcds://127.0.0.1:2379",
                "heart.etcd.ca-bundle=" + dir.resolve("missing-key.pem"));
        assertEquals("heart.etcd.ca-bundle", unreadable.property(), unreadable.getMessage());

        HeartPropertyException noPassword = HeartPropertiesTest.propertyFailure(
                "spring.application.name=vault", "heart.registry=etcd://127.0.0.1:2379", "heart.etcd.user=root");
        assertEquals("heart.etcd.password", noPassword.property(), noPassword.getMessage());
    }
}
