package dev.heart.engine;

import dev.heart.api.BeatFailedException;
import dev.heart.api.LeaseToken;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of the beat an {@link AttemptLoop} is sending: the request, attempt timeout and
 * retries the beater decided, how many attempts went out and why each failed, and the lease token
 * attached to what goes out ({@link LeaseTokens} says when). The loop extends this class rather
 * than holding one, so a beating costs no object more; like the loop's own fields, these are read
 * and written only inside the loop's {@link AttemptLoop#handle handle}.
 */
abstract class BeatAttempts {
    /** The beat's request as the beater made it: it carries no token of ours. */
    OutgoingRequest request;

    Duration timeout;
    int retries;
    /** The attempts of this beat sent so far: 1 while the first is in flight. */
    int attempt;
    /** When the latest attempt went out, in the heart's nanos. */
    long sentAt;
    /** The request of the latest attempt of any beat: what the disconnect takes back. */
    @Nullable
    OutgoingRequest lastSent;

    private @Nullable List<Throwable> causes;
    private @Nullable LeaseToken token;
    /** The registry that issued {@link #token}: the only target it is attached to. */
    private @Nullable URI tokenIssuer;

    /**
     * Before the first beat begins (the loop's first event does it), the request is the
     * beating's first and the timeout zero; neither is sent.
     */
    BeatAttempts(OutgoingRequest first) {
        this.request = first;
        this.timeout = Duration.ZERO;
    }

    /** Starts a beat the beater decided: its first attempt is the next. */
    final void begin(OutgoingRequest request, Duration timeout, int retries) {
        this.request = request;
        if (!timeout.equals(this.timeout)) { // an equal one is kept: see tokenAnswered
            this.timeout = timeout;
        }
        this.retries = retries;
        attempt = 0;
        causes = null;
    }

    /** Counts the next attempt, sent at {@code now}; returns it with the token when it goes to the issuer. */
    final OutgoingRequest nextAttempt(long now) {
        attempt++;
        lastSent = request;
        sentAt = now;
        return LeaseTokens.attach(request, token, tokenIssuer);
    }

    /** Keeps what {@code response}, the answer to the latest attempt, says of the token; returns the token held before. */
    final @Nullable LeaseToken tokenAnswered(Response response) {
        LeaseToken held = token;
        LeaseToken next = LeaseTokens.next(held, tokenIssuer, request.target(), response);
        if (next != held && !(next != null && next.matches(held) && request.target() == tokenIssuer)) {
            // A token equal to the one held, from its issuer, is not stored again: each renewal's
            // token is a new object, young, and storing it into this long-lived beating would mark
            // a card the next young collection scans (E2, E3: a million beatings).
            token = next;
            tokenIssuer = next == null ? null : request.target();
        }
        return held;
    }

    /** Records why the latest attempt failed; true when the beat has a retry left. */
    final boolean retryLeft(Throwable cause) {
        if (causes == null) {
            causes = new ArrayList<>(Math.min(retries + 1, 16));
        }
        causes.add(cause);
        return attempt <= retries;
    }

    /** The failure of a beat whose attempts all failed, with every attempt's cause. */
    final BeatFailedException beatFailure() {
        return new BeatFailedException(request, causes == null ? List.of() : causes);
    }

    /**
     * The disconnect: the latest request sent, with the token when it goes to the issuer; null
     * when nothing went out.
     */
    final @Nullable OutgoingRequest goodbye() {
        OutgoingRequest last = lastSent;
        return last == null
                ? null
                : LeaseTokens.attach(last, token, tokenIssuer).asDisconnect();
    }
}
