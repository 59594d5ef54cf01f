package dev.heart.spring.boot;

import dev.heart.engine.Heart;
import java.net.URI;

/**
 * Builds the {@link Heart} of one registry's registration from the builder the starter prepared
 * (beater, transport, disconnect timeout, listeners set): the place to add listeners or meters.
 * A bean of this type replaces the default, {@code Heart.Builder::build}.
 */
@FunctionalInterface
public interface HeartFactory {

    /**
     * Builds the heart.
     *
     * @param builder  the prepared builder
     * @param registry the registry the heart beats with, as configured
     * @return the heart built from {@code builder}
     */
    Heart build(Heart.Builder builder, URI registry);
}
