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
 * <p>Each keeps its registrant registered until the application stops it (spec §9): a failed beat
 * never ends the beating by default but is retried after a capped exponential backoff with full
 * jitter (by default within 100 ms, doubling up to 2 s), for ever unless {@code giveUpAfter} is
 * set; a "not registered" rejection registers again at once; a "forbidden" one follows
 * {@link dev.heart.engine.beater.OnReject}, logged once.
 *
 * <p>Every beater here is thread-safe, and one instance may drive any number of beatings on one
 * heart: what it remembers per registrant is kept per registrant, only while that registrant is in
 * trouble. Builders reject bad values at once, naming them, and {@code build()} checks that the
 * settings fit together.
 */
package dev.heart.engine.beater;
