/**
 * {@link dev.heart.engine.Heart} and what configures it: listeners, retry backoff, time source.
 *
 * <p>Every public method rejects {@code null} arguments with a {@link NullPointerException} naming
 * the argument, unless marked {@code @Nullable}. All time spans are {@link java.time.Duration}s and
 * are measured on a monotonic clock.
 *
 * <p><b>Lease tokens.</b> A registry may issue a {@link dev.heart.api.LeaseToken} with an accepted
 * response; each beating keeps the latest one it received and attaches it to every request it
 * sends after that to the registry that issued it (the same target URI; never to another
 * registry's), retries and the disconnect included, so beaters never handle tokens. An
 * accepted response with a token (a new registration) replaces it; an accepted response without
 * one, or any other rejection, keeps it; a rejection saying "not registered"
 * ({@link dev.heart.api.RejectReason#NOT_REGISTERED}) clears it, and requests then go out as the
 * beater made them until the next registration. A beating that holds no token sends each request
 * as the beater made it (with the beater's own token, if it set one).
 */
package dev.heart.engine;
