/**
 * {@link dev.heart.engine.Heart} and what configures it: listeners, retry backoff, time source.
 *
 * <p>Every public method rejects {@code null} arguments with a {@link NullPointerException} naming
 * the argument, unless documented otherwise. All time spans are {@link java.time.Duration}s and
 * are measured on a monotonic clock.
 */
package dev.heart.engine;
