/**
 * The actuator side: the health indicator {@code heart} and the endpoint {@code heart}
 * (read, deregister, register again).
 */
package dev.heart.spring.boot.actuate;
