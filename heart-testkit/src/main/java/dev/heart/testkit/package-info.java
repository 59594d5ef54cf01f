/**
 * Fake registries, the {@code mem} transport, fault plans, virtual time, the recorder and its
 * invariants, and the property-testing entry point.
 *
 * <p>Every public method rejects {@code null} arguments with a {@link NullPointerException} naming
 * the argument, unless marked {@code @Nullable}. Time spans are {@link java.time.Duration}s; instants
 * ("at") are {@code Duration}s on the clock's own scale: since the start for
 * {@link dev.heart.testkit.VirtualTime}, arbitrary for the system clock.
 */
package dev.heart.testkit;
