package dev.heart.transport.etcd.internal;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks into etcd from the test's side, independently of the transport's lease table: what a key
 * holds, which lease it is attached to, who leads. Blocking; for tests only.
 */
public final class EtcdProbe {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(ProxySelector.of(null)).connectTimeout(Duration.ofSeconds(2)).build();

    private EtcdProbe() {
    }

    /**
     * A key's value and lease.
     *
     * @param value the value as text
     * @param lease the lease id, 0 when none
     */
    public record Entry(String value, long lease) {
    }

    /** The entry of {@code key} at member {@code target} ({@code etcd://host:port}), if any. */
    public static Optional<Entry> get(URI target, String key) throws IOException, InterruptedException {
        Map<String, Object> answer = post(target, "/v3/kv/range", Map.of("key", base64(key)));
        List<?> kvs = Json.list(answer, "kvs");
        if (kvs.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> kv = (Map<String, Object>) kvs.get(0);
        String value = new String(Base64.getDecoder().decode(Json.text(kv, "value")), StandardCharsets.UTF_8);
        return Optional.of(new Entry(value, Json.int64(kv, "lease", 0)));
    }

    /** Revokes {@code lease} behind the transport's back. */
    public static void revoke(URI target, long lease) throws IOException, InterruptedException {
        post(target, "/v3/lease/revoke", Map.of("ID", Long.toUnsignedString(lease)));
    }

    /** Whether member {@code target} is the cluster's leader. */
    public static boolean isLeader(URI target) throws IOException, InterruptedException {
        Map<String, Object> status = post(target, "/v3/maintenance/status", Map.of());
        return Json.int64(status, "leader", -1) == Json.int64(Json.object(status, "header"), "member_id", -2);
    }

    static String health(int clientPort) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Map<String, Object> post(URI target, String path, Map<String, String> body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + target.getRawAuthority() + path))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(body))).build();
        HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return Json.readObject(response.body());
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
