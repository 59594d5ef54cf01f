package dev.heart.transport.tcp.internal;

import dev.heart.api.RegistryInfo;
import dev.heart.api.Response;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A registry server in a child JVM with a 256 MiB heap, for the hostile-input tests whose point is
 * the server's memory. It answers a beat of registrant "heap" with the heap in use after a full
 * GC in attribute "heap" (bytes), a beat of service type "lease" with a {@code LeaseRegistry}
 * (default limits, ownership on), and every other beat with the registrant's id in attribute
 * "echo". The parent reads "listening PORT" from its output and stops it by closing its input
 * (or by its PID).
 */
final class SmallHeapRegistry implements AutoCloseable {
    private final Process process;
    private final URI uri;

    private SmallHeapRegistry(Process process, URI uri) {
        this.process = process;
        this.uri = uri;
    }

    /** Starts the child and waits (at most 60 s) until it listens. */
    static SmallHeapRegistry start() throws IOException {
        List<String> command = new ArrayList<>(List.of(
                new File(System.getProperty("java.home"), "bin/java").getPath(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp",
                classPath(),
                SmallHeapRegistry.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        var out = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (String line; System.nanoTime() - end < 0 && (line = out.readLine()) != null; ) {
            if (line.startsWith("listening ")) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                for (String l; (l = out.readLine()) != null; ) {
                                    System.out.println("[small-heap registry] " + l);
                                }
                            } catch (IOException ignored) {
                                // the child ended
                            }
                        },
                        "test-child-output");
                drain.setDaemon(true);
                drain.start();
                return new SmallHeapRegistry(
                        process,
                        URI.create("tcp://127.0.0.1:" + line.substring(10).trim()));
            }
            System.out.println("[small-heap registry] " + line);
        }
        process.destroyForcibly();
        throw new IOException("the small-heap registry did not start");
    }

    URI uri() {
        return uri;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        process.getOutputStream().close();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly(); // by its own handle, that is its PID
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String classPath() {
        StringBuilder path = new StringBuilder();
        for (String property : new String[] {"jdk.module.path", "java.class.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                path.append(path.length() == 0 ? "" : File.pathSeparator).append(value);
            }
        }
        return path.toString();
    }

    /** The child: serves until its input closes. */
    public static void main(String[] args) throws Exception {
        RegistryInfo info = RegistryInfo.of("small-heap", "svc", URI.create("tcp://127.0.0.1:1"));
        dev.heart.registry.LeaseRegistry leases = dev.heart.registry.LeaseRegistry.builder(
                        RegistryInfo.of("small-heap", "lease", info.address()))
                .capacity(10_000)
                .ownership(true)
                .build();
        try (TcpRegistryServer server = TcpRegistryServer.builder(request -> {
                    String id = request.registrant().id();
                    if (request.registrant().serviceType().equals("lease")) {
                        return leases.handle(request);
                    }
                    if (id.equals("heap")) {
                        System.gc();
                        Runtime runtime = Runtime.getRuntime();
                        long used = runtime.totalMemory() - runtime.freeMemory();
                        return Response.accept(
                                new RegistryInfo(
                                        "small-heap",
                                        "svc",
                                        info.address(),
                                        List.of(),
                                        Map.of("heap", Long.toString(used))),
                                Duration.ofSeconds(30));
                    }
                    return Response.accept(
                            new RegistryInfo("small-heap", "svc", info.address(), List.of(), Map.of("echo", id)),
                            Duration.ofSeconds(30));
                })
                .start()) {
            System.out.println("listening " + server.address().getPort());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serving until the parent closes our input
            }
        }
    }
}
