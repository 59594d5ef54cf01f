/**
 * The contract of heart: the protocol values a registrant and a registry exchange, the
 * {@link dev.heart.api.HeartBeater} that decides each next beat, and the transport SPI.
 *
 * <p>Transports are found with {@link java.util.ServiceLoader}: a module that
 * {@code provides dev.heart.api.spi.TransportProvider} and is on the module path (or class path,
 * through {@code META-INF/services}) serves the URI scheme it names. {@link dev.heart.api.Transports}
 * is the one place that looks them up.
 *
 * <p>Nullness is stated with JSpecify: the module is {@code @NullMarked}, so a type without
 * {@code @Nullable} is never null (NullAway checks it when heart is built).
 */
@SuppressWarnings("module") // the qualified export names modules built after this one
@org.jspecify.annotations.NullMarked
module dev.heart.api {
    requires org.slf4j;
    requires static org.jspecify;

    exports dev.heart.api;
    exports dev.heart.api.spi;
    exports dev.heart.api.security;
    // Argument checks: not API, shared with heart's own modules only.
    // (heart-engine and heart-testkit keep copies of their own: they may run on the class path
    // while this module runs on the module path, in a transport's tests or a user's project.)
    exports dev.heart.api.internal to
            dev.heart.registry,
            dev.heart.transport.tcp,
            dev.heart.transport.etcd,
            dev.heart.transport.eureka,
            dev.heart.cli,
            dev.heart.micrometer;

    uses dev.heart.api.spi.TransportProvider;
}
