package dev.heart.testkit.conformance;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/** The values and bounded waits of the conformance suite. */
final class Samples {
    static final String UNICODE = "zoë 東京 \u05e9\u05dc\u05d5\u05dd e\u0301 \ud83d\udc93 \u0000tab\there";

    private Samples() {}

    static Request request(String id) {
        return Request.beat(RegistrantInfo.of(id, "svc"));
    }

    static Response echo(Request request) {
        RegistryInfo info = new RegistryInfo(
                "echo",
                "svc",
                URI.create("mem://echo"),
                List.of(),
                Map.of("for", request.registrant().id()));
        return Response.accept(info, Duration.ofSeconds(1));
    }

    static List<Request> requests(int limit) {
        Map<String, String> unicode = new LinkedHashMap<>();
        unicode.put(UNICODE, UNICODE);
        unicode.put("empty", "");
        unicode.put("", "empty key");
        return List.of(
                request("plain"),
                new Request(new RegistrantInfo("r-" + UNICODE, "svc-" + UNICODE, unicode), false),
                new Request(RegistrantInfo.of("leaving", "svc"), true),
                Request.beat(new RegistrantInfo("big", "svc", large(limit))));
    }

    static List<Response> responses(int limit) {
        List<URI> candidates = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            candidates.add(
                    URI.create(i % 2 == 0 ? "tcp://10.0." + (i / 250) + "." + (i % 250) + ":7070" : "mem://reg-" + i));
        }
        RegistryInfo many = new RegistryInfo(
                "reg-" + UNICODE,
                "svc",
                URI.create("tcp://127.0.0.1:7070"),
                candidates,
                Map.of("zone", UNICODE, "", ""));
        RegistryInfo big = new RegistryInfo("big", "svc", URI.create("mem://big"), List.of(), large(limit));
        return List.of(
                Response.accept(many, Duration.ofMillis(29_999)),
                Response.reject(RegistryInfo.of("full", "svc", URI.create("mem://full"))),
                new Response(big, Duration.ofHours(25), false));
    }

    /** One attribute whose key and value add up to exactly {@code limit} UTF-8 bytes, multi-byte included. */
    static Map<String, String> large(int limit) {
        String key = "big";
        StringBuilder value = new StringBuilder();
        int room = limit - key.length();
        while (room > 0) {
            boolean euro = room >= 3 && value.length() % 8 == 7;
            value.append(euro ? '\u20ac' : (char) ('a' + value.length() % 26));
            room -= euro ? 3 : 1;
        }
        return Map.of(key, value.toString());
    }

    static int eventually(IntSupplier value, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        int current = value.getAsInt();
        while (current != 0 && System.nanoTime() - end < 0) {
            Thread.sleep(10);
            current = value.getAsInt();
        }
        return current;
    }

    static List<String> eventuallyEmpty(Supplier<List<String>> value, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        List<String> current = value.get();
        while (!current.isEmpty() && System.nanoTime() - end < 0) {
            Thread.sleep(10);
            current = value.get();
        }
        return current;
    }

    static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith(prefix))
                .sorted()
                .toList();
    }
}
