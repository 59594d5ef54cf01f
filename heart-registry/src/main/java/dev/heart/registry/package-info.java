/**
 * The lease registry model (docs/semantics.md, the registry side): {@link dev.heart.registry.LeaseRegistry},
 * built with {@link dev.heart.registry.LeaseRegistry#builder(dev.heart.api.RegistryInfo)}, the
 * {@link dev.heart.registry.RegistryEvents} it tells, and the {@link dev.heart.registry.Ticker} it
 * reads time from.
 *
 * <p>Arguments are checked up front: {@code null} is refused with a {@link NullPointerException}
 * naming the argument, a value out of range with an {@link IllegalArgumentException}. Every span of
 * time is a {@link java.time.Duration}; instants are nanoseconds of the registry's own monotonic
 * {@link dev.heart.registry.Ticker}.
 */
package dev.heart.registry;
