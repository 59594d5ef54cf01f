package dev.heart.engine;

import dev.heart.api.LeaseToken;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * The latest lease token a beating received, and the registry that issued it (the target it was
 * received from): it is attached to each request the beating sends to that registry (the
 * disconnect included), and never to another registry's target, so a token cannot follow a
 * failover to a registry that did not issue it, over whatever channel. An accepted response
 * carrying a token (a new registration) replaces it; a rejection saying "not registered" from its
 * issuer clears it; any other response keeps it. The beater's own requests stay
 * as the beater made them ({@code NextBeat.lastRequest()} carries no token of ours); a request
 * is sent as it is while the beating holds no token. The token itself is a field of the
 * beating's {@link BeatAttempts} (nothing more per beating when a registry issues none).
 */
final class LeaseTokens {
    private LeaseTokens() {}

    /** {@code request} carrying {@code token} when it goes to the token's {@code issuer}; else as it is. */
    static OutgoingRequest attach(OutgoingRequest request, @Nullable LeaseToken token, @Nullable URI issuer) {
        if (token == null
                || request.request().token() == token
                || !request.target().equals(issuer)) {
            return request;
        }
        return new OutgoingRequest(request.request().withToken(token), request.target());
    }

    /**
     * The token after {@code response} to a request sent to {@code target}: a new registration's
     * replaces it, "not registered" from the token's issuer clears it.
     */
    static @Nullable LeaseToken next(@Nullable LeaseToken token, @Nullable URI issuer, URI target, Response response) {
        if (!response.reject()) {
            return response.token() != null ? response.token() : token;
        }
        return response.notRegistered() && target.equals(issuer) ? null : token;
    }
}
