package dev.heart.spring.boot;

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
            ConfigurableApplicationContext context = TestApp.web("spring.application.name=orders",
                    "heart.registry=" + etcd.target());
            String key = "/heart/orders/orders-127.0.0.1-" + TestApp.port(context);
            try {
                Await.until("the key " + key + " in etcd", () -> etcd.has(key));
                Await.until("health UP", () -> TcpRegistrationTest.health(context).contains("\"status\":\"UP\""),
                        () -> TcpRegistrationTest.health(context));
                assertTrue(TcpRegistrationTest.health(context).contains("\"" + etcd.target() + "\""));
            } finally {
                context.close();
            }
            assertFalse(etcd.has(key), "the key " + key + " is still in etcd after close()");
        }
    }
}
