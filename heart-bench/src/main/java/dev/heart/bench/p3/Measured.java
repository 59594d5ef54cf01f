package dev.heart.bench.p3;

import org.jspecify.annotations.Nullable;

/**
 * What one side of P3 achieved in its measured window.
 *
 * @param held      the fewest of its znodes the server held at any count of the window (one a
 *                  second, the window's end included); when the side failed, what it held then
 * @param heldAtEnd its znodes at the window's end
 * @param threads   the side JVM's live threads at the window's end; -1 when not known
 * @param clientCpu the side JVM's CPU time in the window, ns; -1 when not measured
 * @param serverCpu the ZooKeeper server's CPU time in the window, ns; -1 when not measured
 * @param window    the window's length, ns
 * @param failure   why the side has no measurement or an incomplete one, or null
 */
record Measured(
        long held,
        long heldAtEnd,
        long threads,
        long clientCpu,
        long serverCpu,
        long window,
        @Nullable String failure) {

    static Measured failed(long held, String failure) {
        return new Measured(held, held, -1, -1, -1, 0, failure);
    }

    /** Client CPU per second of window; NaN when not measured. */
    double clientPerSecond() {
        return clientCpu < 0 || window == 0 ? Double.NaN : clientCpu / (window / 1e9);
    }

    /** Server CPU per second of window; NaN when not measured. */
    double serverPerSecond() {
        return serverCpu < 0 || window == 0 ? Double.NaN : serverCpu / (window / 1e9);
    }
}
