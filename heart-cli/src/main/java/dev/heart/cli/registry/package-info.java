/**
 * The registry served by {@code heart registry} and {@code heart demo}: heart-registry's
 * {@link dev.heart.registry.LeaseRegistry} over TCP, with an expiry sweep and a restart. Prints
 * nothing; the registry tells a {@link dev.heart.registry.RegistryEvents} listener.
 */
package dev.heart.cli.registry;
