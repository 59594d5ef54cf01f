package dev.heart.transport.eureka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spring Cloud Netflix Eureka server in a child JVM on loopback, started from the test class
 * path ({@link EurekaServerMain}) and stopped by its own PID. Self-preservation is off, the
 * response cache is read-write (so {@code GET /apps} sees a change at once), and expired leases
 * are evicted every half second. Not thread-safe: one test drives it.
 */
final class EurekaServer implements AutoCloseable {
    static final Duration START_BOUND = Duration.ofSeconds(180);
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Pattern INSTANCE_ID = Pattern.compile("\"instanceId\"\\s*:\\s*\"([^\"]*)\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final List<Integer> peerPorts;
    private Process process;
    private Path log;

    private EurekaServer(int port, List<Integer> peerPorts) {
        this.port = port;
        this.peerPorts = List.copyOf(peerPorts);
    }

    /** Starts a server on an OS-chosen loopback port, peered with {@code peerPorts}; waits until it serves. */
    static EurekaServer start(int... peerPorts) {
        return startOn(freePort(), peerPorts);
    }

    /** Starts a server on {@code port}, peered with {@code peerPorts}; waits until it serves. */
    static EurekaServer startOn(int port, int... peerPorts) {
        List<Integer> peers = new ArrayList<>();
        for (int peer : peerPorts) {
            peers.add(peer);
        }
        EurekaServer server = new EurekaServer(port, peers);
        server.launch();
        return server;
    }

    /** A loopback port the OS just handed out (and took back). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port", e);
        }
    }

    int port() {
        return port;
    }

    /** The transport's target for this server. */
    URI target() {
        return URI.create("eureka://127.0.0.1:" + port + "/eureka");
    }

    /** Starts the JVM again on the same port (after {@link #kill()}); it has forgotten everyone. */
    void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("still running");
        }
        launch();
    }

    private void launch() {
        try {
            String classPath = System.getProperty("heart.eureka.server.classes")
                    + java.io.File.pathSeparator
                    + Files.readString(Path.of(System.getProperty("heart.eureka.server.classpath")))
                            .strip();
            Path logs = Path.of(System.getProperty("heart.eureka.server.logs"));
            Files.createDirectories(logs);
            log = logs.resolve("eureka-" + port + "-" + RUNS.incrementAndGet() + ".log");
            StringBuilder zone = new StringBuilder("http://localhost:" + port + "/eureka/");
            for (int peer : peerPorts) {
                zone.append(",http://127.0.0.1:").append(peer).append("/eureka/");
            }
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Xss512k",
                    "-Dorg.springframework.boot.logging.LoggingSystem=none",
                    "-Dslf4j.provider=org.slf4j.simple.SimpleServiceProvider",
                    "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                    "-cp",
                    classPath,
                    EurekaServerMain.class.getName(),
                    "--server.port=" + port,
                    "--server.address=127.0.0.1",
                    "--spring.application.name=heart-eureka-test",
                    "--spring.main.banner-mode=off",
                    "--eureka.instance.hostname=localhost",
                    "--eureka.client.register-with-eureka=false",
                    "--eureka.client.fetch-registry=false",
                    "--eureka.client.service-url.defaultZone=" + zone,
                    "--eureka.server.enable-self-preservation=false",
                    "--eureka.server.eviction-interval-timer-in-ms=500",
                    "--eureka.server.use-read-only-response-cache=false",
                    "--eureka.server.wait-time-in-ms-when-sync-empty=0",
                    "--eureka.server.registry-sync-retries=0"));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Eureka server", e);
        }
        awaitServing();
    }

    private void awaitServing() {
        long end = System.nanoTime() + START_BOUND.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Eureka server on port " + port + " exited with "
                        + process.exitValue() + "; its log:\n" + tail());
            }
            try {
                if (get("/eureka/apps").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            sleep(250);
        }
        kill();
        throw new IllegalStateException(
                "the Eureka server on port " + port + " did not serve within " + START_BOUND + "; its log:\n" + tail());
    }

    /** The instance ids of {@code serviceType}'s application, as {@code GET /eureka/apps/{APP}} lists them. */
    Set<String> instances(String serviceType) throws IOException {
        HttpResponse<String> answer = get("/eureka/apps/" + serviceType.toUpperCase(Locale.ROOT));
        Set<String> ids = new TreeSet<>();
        if (answer.statusCode() == 404) {
            return ids;
        }
        if (answer.statusCode() != 200) {
            throw new IOException("GET /eureka/apps: HTTP " + answer.statusCode());
        }
        Matcher matcher = INSTANCE_ID.matcher(answer.body());
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        return ids;
    }

    /** The whole registry as {@code GET /eureka/apps} answers it in JSON. */
    String apps() throws IOException {
        return get("/eureka/apps").body();
    }

    HttpResponse<String> get(String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Kills the JVM (its own PID) and waits until it is gone. */
    void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Eureka server pid " + process.pid() + " did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}
