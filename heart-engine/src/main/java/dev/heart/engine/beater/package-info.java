/**
 * Ready-made beaters for the common cases, so most users never write one.
 *
 * <ul>
 *   <li>{@link dev.heart.engine.beater.FixedRateBeater}: beat every interval, with jitter; for
 *       registries that do not say when they expect the next beat.</li>
 *   <li>{@link dev.heart.engine.beater.LeaseFollowingBeater}: follow the registry's deadline
 *       ({@link dev.heart.api.Response#timeout()}) and plan every attempt inside it; the right
 *       default for registries that grant leases.</li>
 *   <li>{@link dev.heart.engine.beater.FailoverBeater}: wraps either, and moves to a candidate
 *       registry on rejection or a failed beat.</li>
 * </ul>
 *
 * <p>Every beater here is immutable apart from its random source and thread-safe, so one
 * instance may drive many beatings, except {@code FailoverBeater}, which follows one registrant's
 * registry and must not be shared between beatings. Builders reject bad values at once, naming
 * them.
 */
package dev.heart.engine.beater;
