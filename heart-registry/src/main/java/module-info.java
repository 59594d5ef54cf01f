/**
 * The registry model of heart: a {@link dev.heart.registry.LeaseRegistry} accepts registrants of
 * one service type (or any), up to a capacity, each for a lease renewed by its beats; it drops the
 * registrants whose lease passed, forgets those that disconnect, and names candidate registries in
 * every response. It is a {@link dev.heart.api.RegistryHandler}, so any registry server serves it
 * (the TCP transport's {@code TcpRegistryServer}, the command line's {@code heart registry}), a
 * Java service can embed it, and the testkit's fake registries record what it does through its
 * {@link dev.heart.registry.RegistryEvents}.
 *
 * <p>Depends on {@code dev.heart.api} and SLF4J only; time comes from a
 * {@link dev.heart.registry.Ticker}, so tests can drive it in virtual time.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.registry {
    requires static org.jspecify;
    requires transitive dev.heart.api;
    requires org.slf4j;

    exports dev.heart.registry;
}
