package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.HeartListener;
import dev.heart.transport.tcp.TcpRegistryServer;
import dev.heart.transport.tcp.TcpTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's own beans: a transport, and a factory that adds listeners to each heart. */
class CustomizationTest {
    static final List<URI> BUILT = new CopyOnWriteArrayList<>();
    static final AtomicInteger ESTABLISHED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    @Configuration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        HeartFactory heartFactory() {
            return (builder, registry) -> {
                BUILT.add(registry);
                return builder.listener(new HeartListener() {
                            @Override
                            public void established(Beating beating, Response response) {
                                ESTABLISHED.incrementAndGet();
                            }
                        })
                        .build();
            };
        }

        @Bean
        RequestProtocol heartTransport() {
            RequestProtocol tcp =
                    TcpTransport.builder().connectTimeout(Duration.ofSeconds(2)).build();
            return new RequestProtocol() {
                @Override
                public java.util.concurrent.CompletableFuture<Response> send(
                        dev.heart.api.OutgoingRequest request, Duration deadline) {
                    return tcp.send(request, deadline);
                }

                @Override
                public void close() {
                    CLOSED.incrementAndGet();
                    tcp.close();
                }
            };
        }
    }

    @Test
    void theApplicationsFactoryAndTransportAreUsedAndSpringClosesTheTransport() {
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry)) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApp.class, Beans.class)
                    .web(WebApplicationType.NONE)
                    .properties(
                            "spring.main.banner-mode=off",
                            "spring.application.name=custom",
                            "heart.registry=" + server.uri())
                    .run();
            Await.until("custom registered", () -> registry.of("custom") != null);
            Await.until("the factory's listener heard the registration", () -> ESTABLISHED.get() == 1);
            assertEquals(List.of(server.uri()), BUILT);
            context.close();
            assertEquals(1, CLOSED.get(), "Spring closes the application's transport once");
            assertTrue(registry.of("custom") == null, "still registered after close()");
        }
    }
}
