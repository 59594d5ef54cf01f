package dev.heart.bench.e3;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.bench.e2.Heap;
import dev.heart.bench.e2.RegistrySizing;
import dev.heart.engine.Heart;
import dev.heart.transport.tcp.TcpTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * E3's heart, in its own JVM: N registrants {@code heart-0 .. heart-(N-1)}, each kept by
 * {@link Heart#register(RegistrantInfo, URI)} on one heart with its defaults (the ready-made
 * {@code LeaseFollowingBeater}, the default executor), as a user would start it, over one
 * {@link TcpTransport} whose only setting is the connections per target; a {@link RoundTrips}
 * listener. It starts registrations at most {@code ahead} ahead of the beatings established, so
 * that a million first beats do not all wait at once (the transport fails a request beyond 65,536
 * pending on a connection, and a first beat that waits longer than its 1 s attempt timeout is
 * sent again while the registry may already hold it under a token the heart never saw). Prints {@code REGISTERED} when every registrant was started; commands on
 * standard input: {@code window} (answers {@code WINDOW}: counts from now), {@code end}
 * ({@code TRIPS ...} of {@link RoundTrips.Snapshot#since}), {@code heap} ({@code HEAP <bytes>}),
 * {@code stop} or the end of input (closes the heart and exits).
 */
public final class HeartSide {
    private HeartSide() {}

    /** {@code target n connections service ahead}. */
    public static void main(String[] args) throws Exception {
        URI target = URI.create(args[0]);
        int n = Integer.parseInt(args[1]);
        int connections = Integer.parseInt(args[2]);
        String service = args[3];
        int ahead = Integer.parseInt(args[4]);
        RequestProtocol transport =
                TcpTransport.builder().connectionsPerTarget(connections).build();
        RoundTrips trips = new RoundTrips();
        Heart heart = Heart.builder().protocol(transport).listener(trips).build();
        long reported = System.nanoTime();
        for (int i = 0; i < n; i++) {
            while (i - trips.established() >= ahead) {
                Thread.sleep(1);
            }
            heart.register(RegistrantInfo.of(RegistrySizing.id(i), service), target);
            if (System.nanoTime() - reported > 10_000_000_000L) {
                System.out.println(
                        "  E3 heart: " + i + " registrations started, " + trips.established() + " established");
                reported = System.nanoTime();
            }
        }
        System.out.println("REGISTERED");
        RoundTrips.Snapshot window = trips.snapshot();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("window")) {
                    window = trips.snapshot();
                    System.out.println("WINDOW");
                } else if (line.equals("end")) {
                    System.out.println(
                            "  E3 heart: rejections since the start, by reason: " + trips.rejectedByReason());
                    System.out.println(trips.snapshot().since(window));
                } else if (line.equals("heap")) {
                    System.out.println("HEAP " + Heap.usedAfterFullGc());
                }
            }
        } catch (IOException e) {
            // the harness went away: stop
        }
        try {
            heart.close();
        } finally {
            transport.close();
        }
        System.exit(0);
    }
}
