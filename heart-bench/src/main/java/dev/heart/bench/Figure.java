package dev.heart.bench;

import java.util.List;

/**
 * One benchmark figure of {@code docs/benchmarks.md} (E1, E2, T1, T2): runs its harness and prints,
 * as its last line on standard output, one machine-readable summary such as
 * {@code E1 engine_ns=412 bare_ns=95 ratio=4.34}.
 *
 * <p>To add a figure, implement this and register it in {@link Bench}.
 */
public interface Figure {

    /** The id, for instance {@code "E1"}. */
    String id();

    /**
     * Runs the figure and prints its summary line last.
     *
     * @param quick true for the short run a reviewer can afford (seconds, not minutes)
     * @param args  options after the id, figure-specific
     * @return the process exit status: 0 when measured, non-zero when it could not be
     * @throws Exception when the harness broke; {@link Bench} reports it and exits non-zero
     */
    int run(boolean quick, List<String> args) throws Exception;
}
