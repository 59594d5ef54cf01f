/**
 * The heart testkit: a <b>test library</b>, to be put on the test path only.
 *
 * <p>{@link dev.heart.testkit.Simulation} runs a {@link dev.heart.api.HeartBeater} against
 * {@linkplain dev.heart.testkit.FakeRegistry fake registries} that follow the registry model, in
 * {@linkplain dev.heart.testkit.VirtualTime virtual time}, through the in-memory transport of scheme
 * {@code mem}, with network latency and scriptable, seeded {@linkplain dev.heart.testkit.FaultPlan
 * faults}; its result holds each beating's timeline, which {@link dev.heart.testkit.Invariants}
 * checks. {@link dev.heart.testkit.BeaterCheck} runs cases made by heart's own
 * {@linkplain dev.heart.testkit.Generator generators} from one seed, with the ready-made properties
 * of the ready-made beaters' contract, and reports the shrunk fault plan and the seed. {@link dev.heart.testkit.conformance.TransportConformance} is the JUnit 5 suite a
 * transport module extends when it can put any registry handler behind its transport;
 * {@link dev.heart.testkit.conformance.ServerTransportConformance} is the one for a transport whose
 * registry is a real server it does not control (etcd).
 *
 * <p>Because it is a test library, the JUnit Jupiter API (for the conformance suites) is a
 * compile-scope dependency of this module (and of no other heart module). Its public signatures
 * name no other library's types but JUnit's, in the conformance suites.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
@org.jspecify.annotations.NullMarked
module dev.heart.testkit {
    requires static org.jspecify;
    requires transitive dev.heart.engine;
    requires dev.heart.registry;
    requires transitive org.junit.jupiter.api;
    requires org.slf4j;

    exports dev.heart.testkit;
    exports dev.heart.testkit.conformance;
    // JUnit runs the suite's package-private test methods in every module that extends it.
    opens dev.heart.testkit.conformance to
            org.junit.platform.commons;

// No 'provides' for the mem transport, on purpose: META-INF/services lists it. A descriptor
// that provides a service makes Surefire put this module on a modular user project's module
// path (it adds every provider of a used service), where the user's tests, patched into the
// user's module, cannot read it without flags; on the class path they can, and ServiceLoader
// finds mem there as it finds tcp. See examples/modular-user.
}
