/**
 * The implementation of the {@code eureka} transport; not exported. Thread-safe unless a class
 * says otherwise; nothing here blocks a caller of {@code send}.
 */
package dev.heart.transport.eureka.internal;
