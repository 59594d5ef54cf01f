package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One real etcd process on 127.0.0.1 with OS-free ports and its own data directory; stopped by its
 * own PID. Reads keys and turns authentication on through etcd's own API (its JSON gateway), so
 * nothing but etcd is needed, and etcd itself comes from {@code .ci/get-etcd}.
 */
final class EtcdProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int clientPort = TcpRegistrationTest.freePort();
    private final Path log;
    private final Process process;

    EtcdProcess(Path dir) {
        int peerPort = TcpRegistrationTest.freePort();
        this.log = dir.resolve("etcd.log");
        List<String> command = List.of(
                binary(),
                "--name",
                "spring-test",
                "--data-dir",
                dir.resolve("data").toString(),
                "--listen-client-urls",
                "http://127.0.0.1:" + clientPort,
                "--advertise-client-urls",
                "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls",
                "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls",
                "http://127.0.0.1:" + peerPort,
                "--initial-cluster",
                "spring-test=http://127.0.0.1:" + peerPort);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start etcd " + command + ": " + e, e);
        }
        Await.until(
                "etcd ready",
                () -> {
                    if (!process.isAlive()) {
                        fail("etcd exited: " + tail());
                    }
                    try {
                        return post("/health", null).contains("\"true\"");
                    } catch (IOException e) {
                        return false;
                    }
                },
                this::tail);
    }

    /** The registry address of this etcd for heart: {@code etcd://127.0.0.1:port}. */
    URI target() {
        return URI.create("etcd://127.0.0.1:" + clientPort);
    }

    /** Whether {@code key} exists now. */
    boolean has(String key) {
        String encoded = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        try {
            return post("/v3/kv/range", "{\"key\":\"" + encoded + "\",\"count_only\":true}")
                    .contains("\"count\":\"1\"");
        } catch (IOException e) {
            throw new AssertionError("etcd unreadable: " + e, e);
        }
    }

    /**
     * Turns etcd's authentication on with the user root and {@code password}, through etcd's own
     * API (the JSON gateway of its gRPC services): nothing but etcd itself is needed.
     */
    void enableAuth(String password) {
        call("/v3/auth/role/add", "{\"name\":\"root\"}", null);
        call("/v3/auth/user/add", "{\"name\":\"root\",\"password\":\"" + password + "\"}", null);
        call("/v3/auth/user/grant", "{\"user\":\"root\",\"role\":\"root\"}", null);
        call("/v3/auth/enable", "{}", null);
    }

    /** Whether {@code key} exists now, read as root with {@code password}. */
    boolean has(String key, String password) {
        String answer = call("/v3/auth/authenticate", "{\"name\":\"root\",\"password\":\"" + password + "\"}", null);
        java.util.regex.Matcher token =
                java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(answer);
        if (!token.find()) {
            throw new AssertionError("etcd gave no token for root: " + answer);
        }
        String encoded = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        return call("/v3/kv/range", "{\"key\":\"" + encoded + "\",\"count_only\":true}", token.group(1))
                .contains("\"count\":\"1\"");
    }

    /** POSTs {@code body} to etcd's gateway (with an auth token when given); fails the test unless 200. */
    private String call(String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", token);
        }
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new AssertionError("etcd " + path + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new AssertionError("etcd " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private String post(String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + path))
                .timeout(Duration.ofSeconds(5));
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String binary;

    /**
     * The etcd binary, as heart-transport-etcd's tests find it: {@code .ci/get-etcd} answers with
     * a working etcd on the PATH, or unpacks Debian's etcd-server into {@code target/etcd}
     * (nothing installed). Fails the test naming what could not be had.
     */
    private static synchronized String binary() {
        if (binary != null) {
            return binary;
        }
        Path script = Path.of("..", ".ci", "get-etcd").toAbsolutePath().normalize();
        try {
            Process get = new ProcessBuilder(
                            "bash",
                            script.toString(),
                            Path.of("target", "etcd").toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(get.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!get.waitFor(5, TimeUnit.MINUTES) || get.exitValue() != 0 || out.isEmpty()) {
                throw new AssertionError(
                        script + " could not provide etcd (Debian's etcd-server); see its message above");
            }
            binary = out;
            return binary;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + script + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
