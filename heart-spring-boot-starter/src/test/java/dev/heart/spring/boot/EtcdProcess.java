package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
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
 * own PID. Reads keys through etcd's JSON gateway. Fails the test, saying what to install, when
 * etcd is missing.
 */
final class EtcdProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int clientPort = TcpRegistrationTest.freePort();
    private final Path log;
    private final Process process;

    EtcdProcess(Path dir) {
        int peerPort = TcpRegistrationTest.freePort();
        this.log = dir.resolve("etcd.log");
        List<String> command = List.of(binary(), "--name", "spring-test",
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + clientPort,
                "--advertise-client-urls", "http://127.0.0.1:" + clientPort,
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", "spring-test=http://127.0.0.1:" + peerPort);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new AssertionError("cannot start etcd " + command + ": " + e, e);
        }
        Await.until("etcd ready", () -> {
            if (!process.isAlive()) {
                fail("etcd exited: " + tail());
            }
            try {
                return post("/health", null).contains("\"true\"");
            } catch (IOException e) {
                return false;
            }
        }, this::tail);
    }

    /** The registry address of this etcd for heart: {@code etcd://127.0.0.1:port}. */
    URI target() {
        return URI.create("etcd://127.0.0.1:" + clientPort);
    }

    /** Whether {@code key} exists now. */
    boolean has(String key) {
        String encoded = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        try {
            return post("/v3/kv/range", "{\"key\":\"" + encoded + "\",\"count_only\":true}").contains("\"count\":\"1\"");
        } catch (IOException e) {
            throw new AssertionError("etcd unreadable: " + e, e);
        }
    }

    /**
     * Runs {@code etcdctl} (API v3) against this etcd and returns its output; fails the test when
     * it exits with an error.
     */
    String etcdctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("etcdctl", "--endpoints=http://127.0.0.1:" + clientPort));
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("ETCDCTL_API", "3");
            Process ctl = builder.start();
            String output = new String(ctl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ctl.waitFor(30, TimeUnit.SECONDS)) {
                ctl.destroyForcibly();
                throw new AssertionError("etcdctl " + args[0] + " did not end");
            }
            if (ctl.exitValue() != 0) {
                throw new AssertionError("etcdctl " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run etcdctl: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Turns etcd's authentication on with the user root and {@code password}. */
    void enableAuth(String password) {
        etcdctl("role", "add", "root");
        etcdctl("user", "add", "root:" + password);
        etcdctl("user", "grant-role", "root", "root");
        etcdctl("auth", "enable");
    }

    /** Whether {@code key} exists now, read as root with {@code password}. */
    boolean has(String key, String password) {
        return etcdctl("--user", "root:" + password, "get", key, "--keys-only").contains(key);
    }

    private String post(String path, String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + path))
                .timeout(Duration.ofSeconds(5));
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
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

    private static String binary() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin:/usr/local/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "etcd"))) {
                return Path.of(dir, "etcd").toString();
            }
        }
        throw new AssertionError("etcd is not installed (no 'etcd' on the PATH): install Debian's etcd-server;"
                + " .ci/run does this when etcd is missing");
    }
}
