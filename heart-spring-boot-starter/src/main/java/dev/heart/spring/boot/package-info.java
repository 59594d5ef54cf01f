/**
 * Spring Boot auto-configuration of heart: a service registers itself with the registries of
 * {@code heart.registry} while it runs ({@link dev.heart.spring.boot.HeartRegistration}), from the
 * {@code heart.*} properties ({@link dev.heart.spring.boot.HeartProperties}).
 *
 * <p>Class path only: Spring Boot does not support the module path (its jars are automatic modules,
 * and an application runs on the class path), so this module has no
 * {@code module-info.java}. Spring types stay in this module; the other heart modules know
 * nothing of Spring.
 */
@NullMarked
package dev.heart.spring.boot;

import org.jspecify.annotations.NullMarked;
