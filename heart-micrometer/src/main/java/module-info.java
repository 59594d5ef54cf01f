/**
 * Publishes what a {@link dev.heart.engine.Heart} does to a Micrometer
 * {@link io.micrometer.core.instrument.MeterRegistry}: see {@link dev.heart.micrometer.HeartMeters}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
@org.jspecify.annotations.NullMarked
module dev.heart.micrometer {
    requires static org.jspecify;
    requires transitive dev.heart.engine;
    requires transitive micrometer.core;

    exports dev.heart.micrometer;
}
