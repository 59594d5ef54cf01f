/**
 * Protocol values and the beater contract.
 *
 * <p>Every record here is immutable, validates its components in its constructor and rejects
 * {@code null} for a component not marked {@code @Nullable} with a {@link NullPointerException}
 * naming the component. Collections are copied
 * into unmodifiable ones. All time spans are {@link java.time.Duration}s, all addresses
 * {@link java.net.URI}s.
 */
package dev.heart.api;
