package dev.heart.bench.p3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What both sides of P3 share: their arguments, and the commands the harness sends them on
 * standard input once they have started registering everyone ({@code threads}: print
 * {@code THREADS <n>}, this JVM's live threads; {@code stop}, or the end of input: close and exit).
 * A side measures nothing else itself: the harness reads its CPU time and counts its znodes.
 *
 * @param connectString  the server, {@code 127.0.0.1:port}
 * @param n              registrants to keep
 * @param sessionTimeout the session timeout both sides ask for
 * @param service        the service name: the registrants are {@code /services/<service>/<service>-<i>}
 */
record SideArgs(String connectString, int n, Duration sessionTimeout, String service) {

    /** Reads {@code connectString n sessionTimeoutMillis service}. */
    static SideArgs parse(String[] args) {
        return new SideArgs(args[0], Integer.parseInt(args[1]), Duration.ofMillis(Long.parseLong(args[2])), args[3]);
    }

    /** The arguments of a side's main. */
    String[] toArgs() {
        return new String[] {connectString, Integer.toString(n), Long.toString(sessionTimeout.toMillis()), service};
    }

    /** The id of registrant {@code i}. */
    String id(int i) {
        return service + "-" + i;
    }

    /** The port registrant {@code i} announces (any; not listened on). */
    static int port(int i) {
        return 10_000 + i % 50_000;
    }

    /** Prints {@code STARTED}, answers the harness's commands until {@code stop}, then closes {@code side}. */
    static void serve(AutoCloseable side) throws Exception {
        System.out.println("STARTED");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                if (line.equals("threads")) {
                    System.out.println(
                            "THREADS " + ManagementFactory.getThreadMXBean().getThreadCount());
                }
            }
        } catch (IOException e) {
            // the harness went away: stop
        }
        side.close();
        System.out.println("CLOSED");
    }
}
