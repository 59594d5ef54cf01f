/**
 * The registry model served by {@code heart registry} and {@code heart demo}: service type,
 * capacity, a lease per registrant, expiry, disconnects (heart-semantics section 7). Prints nothing;
 * it tells a {@link dev.heart.cli.registry.RegistryEvents} listener.
 */
package dev.heart.cli.registry;
