package dev.heart.spring.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** A Spring Boot application for the tests: auto-configuration only, started with properties. */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApp {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Runs a web application (Tomcat on a free loopback port) with the properties {@code key=value},
     * without a drain on shutdown unless they set one.
     */
    static ConfigurableApplicationContext web(String... properties) {
        List<String> all = new ArrayList<>(List.of(
                "server.port=0",
                "server.address=127.0.0.1",
                "heart.shutdown.drain-delay=0s",
                "spring.main.banner-mode=off",
                "management.endpoint.health.show-details=always",
                "management.endpoints.web.exposure.include=health,heart"));
        all.addAll(List.of(properties));
        return new SpringApplicationBuilder(TestApp.class)
                .properties(all.toArray(String[]::new))
                .run();
    }

    /** Runs an application without a web server. */
    static ConfigurableApplicationContext plain(String... properties) {
        return new SpringApplicationBuilder(TestApp.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "heart.shutdown.drain-delay=0s")
                .properties(properties)
                .run();
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /**
     * Sends {@code method} to {@code path} of the application, without a body (as JSON for a POST,
     * as the actuator's write operations take); returns status and body.
     */
    static HttpResponse<String> http(ConfigurableApplicationContext context, String method, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(context) + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (method.equals("POST")) {
            builder.header("Content-Type", "application/json");
        }
        HttpRequest request = builder.build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
