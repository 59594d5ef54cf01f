package dev.heart.engine;

import dev.heart.api.LeaseToken;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;

/**
 * The latest lease token a beating received, attached to each request it sends (the disconnect
 * included): an accepted response carrying a token (a new registration) replaces it; a rejection
 * saying "not registered" clears it; any other response keeps it. The beater's own requests stay
 * as the beater made them ({@code NextBeat.lastRequest()} carries no token of ours); a request
 * is sent as it is while the beating holds no token. The token itself is a field of the
 * beating's {@link AttemptLoop} (nothing more per beating when a registry issues none).
 */
final class LeaseTokens {
    private LeaseTokens() {
    }

    /** {@code request} carrying {@code token}; as it is when {@code token} is null. */
    static OutgoingRequest attach(OutgoingRequest request, LeaseToken token) {
        if (token == null || request.request().token() == token) {
            return request;
        }
        return new OutgoingRequest(request.request().withToken(token), request.target());
    }

    /** The token after {@code response}: a new registration's replaces it, "not registered" clears it. */
    static LeaseToken next(LeaseToken token, Response response) {
        if (!response.reject()) {
            return response.token() != null ? response.token() : token;
        }
        return response.notRegistered() ? null : token;
    }
}
