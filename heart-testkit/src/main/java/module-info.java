/**
 * The heart testkit: a <b>test library</b>, to be put on the test path only.
 *
 * <p>It runs a {@link dev.heart.api.HeartBeater} against {@linkplain dev.heart.testkit.FakeRegistry
 * fake registries} that follow the registry model, in {@linkplain dev.heart.testkit.VirtualTime
 * virtual time}, through the in-memory transport of scheme {@code mem} (found with
 * {@link java.util.ServiceLoader} like any transport), with scriptable and seeded
 * {@linkplain dev.heart.testkit.FaultPlan faults}. A {@linkplain dev.heart.testkit.Recorder recorder}
 * captures a beating's timeline; {@link dev.heart.testkit.Invariants} checks it;
 * {@link dev.heart.testkit.BeaterCheck} runs generated cases with QuickTheories and reports the
 * shrunk fault plan and its seed. {@link dev.heart.testkit.conformance.TransportConformance} is the
 * JUnit 5 suite every transport module extends.
 *
 * <p>Because it is a test library, QuickTheories and the JUnit Jupiter API are compile-scope
 * dependencies of this module (and of no other heart module).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.heart.testkit {
    requires transitive dev.heart.engine;
    requires dev.heart.registry;
    requires transitive quicktheories;
    requires transitive org.junit.jupiter.api;
    requires org.slf4j;

    exports dev.heart.testkit;
    exports dev.heart.testkit.conformance;
    // JUnit runs the suite's package-private test methods in every module that extends it.
    opens dev.heart.testkit.conformance to org.junit.platform.commons;

    provides dev.heart.api.spi.TransportProvider with dev.heart.testkit.mem.MemTransportProvider;
}
