/**
 * Ready-made beaters for the common cases, so most users never write one.
 *
 * <ul>
 *   <li>{@link dev.heart.engine.beater.LeaseFollowingBeater}: follow the registry's deadline
 *       ({@link dev.heart.api.Response#timeout()}) and plan every attempt inside it; the right
 *       default for one registry that grants leases.</li>
 *   <li>{@link dev.heart.engine.beater.FailoverBeater}: wraps either, and moves to another known
 *       registry on a failed beat or a rejection; for several registries.</li>
 *   <li>{@link dev.heart.engine.beater.FixedRateBeater}: beat every interval, with jitter; for
 *       registries that do not say when they expect the next beat.</li>
 * </ul>
 *
 * <p>Each keeps its registrant registered until the application stops it (spec §9), as configured
 * by one {@link dev.heart.engine.beater.Recovery} that every builder takes ({@code recovery(...)})
 * and that describes the backoff, the give-up limit, the forbidden policy and the attempts once.
 *
 * <p>Every beater here is thread-safe, never blocks, and one instance may drive any number of
 * beatings on one heart: what it remembers per registrant lives in each beating's
 * {@link dev.heart.api.BeatingContext}, so a new beating starts fresh. Time is the heart's clock.
 * Builders reject bad values at once, naming them.
 */
package dev.heart.engine.beater;
