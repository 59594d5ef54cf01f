package dev.heart.bench.e3;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.bench.e2.Heap;
import dev.heart.bench.e2.RegistrySizing;
import dev.heart.registry.LeaseRegistry;
import dev.heart.registry.RegistryEvents;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * E3's server, in its own JVM: one {@link TcpRegistryServer} on {@code 127.0.0.1:port} answering
 * with a {@link LeaseRegistry} sized for the run ({@link RegistrySizing}, checked before it serves;
 * ownership on, as by default) and a 30 s lease, so that the ready-made beater, renewing at a third
 * of it, beats every 10 s. The server's defaults but for the connections a peer may hold (the heart
 * is one peer, 127.0.0.1). Every second it drops the lapsed registrants and prints
 * {@code COUNT <registered> <lapsed so far> <connections>}; commands on standard input:
 * {@code ready} (answers {@code READY ok}, or {@code READY failed <why>} and exits),
 * {@code heap} ({@code HEAP <bytes used after full collections>}), {@code stop} or the end of input.
 */
public final class ServerSide {
    /** A third of it is the ready-made beater's interval: 10 s. */
    static final Duration LEASE = Duration.ofSeconds(30);

    private ServerSide() {}

    /** {@code port n bytesPerHeart capacity maxBytes connections service}. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RegistrySizing sizing = new RegistrySizing(
                Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
        int connections = Integer.parseInt(args[5]);
        String service = args[6];
        URI uri = URI.create("tcp://127.0.0.1:" + port);
        LongAdder lapsed = new LongAdder();
        LeaseRegistry registry = LeaseRegistry.builder(RegistryInfo.of("e3-registry", service, uri))
                .lease(LEASE)
                .capacity(sizing.capacity())
                .maxBytes(sizing.maxBytes())
                .events(new RegistryEvents() {
                    @Override
                    public void expired(RegistrantInfo registrant, long lastBeatNanos, long deadlineNanos, int count) {
                        lapsed.increment();
                    }
                })
                .build();
        try {
            sizing.check(registry, service, uri);
        } catch (IllegalStateException e) {
            System.out.println("READY failed " + e.getMessage());
            System.exit(3);
        }
        TcpRegistryServer server = TcpRegistryServer.builder(registry)
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .maxConnectionsPerPeer(Math.max(256, connections))
                .maxConnections(Math.max(1024, connections))
                .start();
        Thread counter = new Thread(
                () -> {
                    try {
                        while (true) {
                            Thread.sleep(1_000);
                            registry.expire();
                            System.out.println(
                                    "COUNT " + registry.size() + " " + lapsed.sum() + " " + server.connectionCount());
                        }
                    } catch (InterruptedException e) {
                        // stopping
                    }
                },
                "heart-bench-e3-count");
        counter.setDaemon(true);
        counter.start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("ready")) {
                    System.out.println("READY ok");
                } else if (line.equals("heap")) {
                    System.out.println("HEAP " + Heap.usedAfterFullGc());
                }
            }
        } catch (IOException e) {
            // the harness went away: stop
        }
        counter.interrupt();
        server.close();
        System.exit(0);
    }
}
