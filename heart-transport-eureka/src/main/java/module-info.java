/**
 * The {@code eureka} transport of heart: keeps an instance registered in a Netflix Eureka server.
 *
 * <p>It serves targets {@code eureka://host:port/path} (plain HTTP) and
 * {@code eurekas://host:port/path} (HTTPS), where {@code path} is the Eureka server's REST root
 * ({@code /eureka} on a Spring Cloud server), and speaks Eureka's REST API with the JDK's
 * {@link java.net.http.HttpClient} and JSON through Jackson's streaming API: register
 * ({@code POST /apps/{APP}}), renew ({@code PUT /apps/{APP}/{ID}}), cancel
 * ({@code DELETE /apps/{APP}/{ID}}). It needs {@code jackson-core} and the JDK only.
 *
 * <p>It is found by {@link dev.heart.api.Transports} through the two
 * {@link dev.heart.api.spi.TransportProvider}s this module provides, or built with its own
 * settings (credentials, lease defaults, peers) by
 * {@link dev.heart.transport.eureka.EurekaTransport#builder()}.
 */
@org.jspecify.annotations.NullMarked
module dev.heart.transport.eureka {
    requires static org.jspecify;
    requires transitive dev.heart.api;
    requires java.net.http;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports dev.heart.transport.eureka;

    provides dev.heart.api.spi.TransportProvider with
            dev.heart.transport.eureka.internal.EurekaTransportProvider;
}
