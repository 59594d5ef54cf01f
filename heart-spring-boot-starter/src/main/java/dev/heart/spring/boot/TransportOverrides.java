package dev.heart.spring.boot;

import dev.heart.api.spi.TransportProvider;
import java.util.Map;

/** Transports configured from properties, serving their schemes in place of the defaults. */
interface TransportOverrides {

    /**
     * The configured transports.
     *
     * @return by scheme
     */
    Map<String, TransportProvider> providers();
}
