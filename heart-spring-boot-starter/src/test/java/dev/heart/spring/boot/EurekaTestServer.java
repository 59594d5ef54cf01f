package dev.heart.spring.boot;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** A real Eureka server in a child JVM on loopback (EurekaServerApp), stopped by its own PID. */
final class EurekaTestServer implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port = TcpRegistrationTest.freePort();
    private final Process process;
    private final Path log = Path.of(System.getProperty("test.eureka.server.log"));

    EurekaTestServer() throws IOException {
        String classPath = System.getProperty("test.eureka.server.classes")
                + File.pathSeparator
                + Files.readString(Path.of(System.getProperty("test.eureka.server.classpath")))
                        .strip();
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dorg.springframework.boot.logging.LoggingSystem=none",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                classPath,
                EurekaServerApp.class.getName(),
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.application.name=eureka",
                "--spring.main.banner-mode=off",
                "--eureka.client.enabled=true",
                "--eureka.instance.hostname=localhost",
                "--eureka.client.register-with-eureka=false",
                "--eureka.client.fetch-registry=false",
                "--eureka.client.service-url.defaultZone=" + zone(),
                "--eureka.server.enable-self-preservation=false",
                "--eureka.server.use-read-only-response-cache=false",
                "--eureka.server.wait-time-in-ms-when-sync-empty=0",
                "--eureka.server.registry-sync-retries=0");
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long end = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (status("/eureka/apps") != 200) {
            if (!process.isAlive() || System.nanoTime() - end > 0) {
                close();
                throw new IllegalStateException("the Eureka server did not serve; its log: " + log);
            }
            sleep();
        }
    }

    /** The address a Eureka client is given. */
    String zone() {
        return "http://127.0.0.1:" + port + "/eureka/";
    }

    /** Whether Eureka lists an instance of {@code service}. */
    boolean lists(String service) {
        return status("/eureka/apps/" + service.toUpperCase(Locale.ROOT)) == 200;
    }

    /**
     * The status of instance {@code id} of {@code service} as the server holds it (its REST view),
     * or null when it holds none.
     */
    String instanceStatus(String service, String id) {
        String body = get("/eureka/apps/" + service.toUpperCase(Locale.ROOT) + "/" + id);
        if (body == null) {
            return null;
        }
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"")
                .matcher(body);
        return status.find() ? status.group(1) : null;
    }

    /** The JSON body of {@code path}, or null unless it answers 200. */
    String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The registry address of heart's Eureka transport for this server. */
    String heartUri() {
        return "eureka://127.0.0.1:" + port + "/eureka";
    }

    private int status(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
