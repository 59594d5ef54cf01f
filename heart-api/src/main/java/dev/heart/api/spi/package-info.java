/**
 * The transport SPI: what a module implements to carry requests to registries.
 *
 * <p>A transport module {@code requires dev.heart.api}, {@code provides
 * dev.heart.api.spi.TransportProvider with ...} in its {@code module-info}, and ships
 * {@code META-INF/services/dev.heart.api.spi.TransportProvider} for class-path users.
 */
package dev.heart.api.spi;
