package dev.heart.registry;

/**
 * The monotonic clock a {@link LeaseRegistry} reads: nanoseconds since an arbitrary origin, never
 * going back, like {@link System#nanoTime()}. Tests pass a virtual clock to drive a registry in
 * virtual time.
 *
 * <p>Implementations must be thread-safe: a registry reads it from every thread that calls it.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * The current instant.
     *
     * @return nanoseconds since this ticker's origin; compare two readings by their difference only
     */
    long nanoTime();

    /**
     * The system's monotonic clock, {@link System#nanoTime()}.
     *
     * @return the ticker
     */
    static Ticker system() {
        return System::nanoTime;
    }
}
