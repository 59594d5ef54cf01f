/**
 * The beating loop. {@link dev.heart.engine.Heart} sends a request, hands the registry's answer to
 * the {@link dev.heart.api.HeartBeater}, and repeats until the beater stops, a beat fails, or the
 * beating is stopped.
 *
 * <p>No platform thread per heart: waits and timeouts are served by one shared timer
 * ({@link dev.heart.engine.TimeSource}), beater calls by an executor.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.engine {
    requires static org.jspecify;
    requires transitive dev.heart.api;
    requires org.slf4j;
    requires jdk.jfr;

    exports dev.heart.engine;
    exports dev.heart.engine.beater;
}
