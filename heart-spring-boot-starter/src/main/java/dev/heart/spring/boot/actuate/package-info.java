/**
 * The actuator side: the health indicator {@code heart} and the endpoint {@code heart}
 * (read, deregister, register again).
 */
@NullMarked
package dev.heart.spring.boot.actuate;

import org.jspecify.annotations.NullMarked;
