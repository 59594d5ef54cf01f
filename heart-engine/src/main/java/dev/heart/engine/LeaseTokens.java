package dev.heart.engine;

import dev.heart.api.LeaseToken;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;

/**
 * The latest lease token a beating received, attached to each request it sends (the disconnect
 * included): an accepted response carrying a token (a new registration) replaces it; a rejection
 * saying "not registered" clears it; any other response keeps it. The beater's own requests stay
 * as the beater made them ({@code NextBeat.lastRequest()} carries no token of ours); a request
 * is sent as it is while the beating holds no token. Confined to the beating's actor.
 */
final class LeaseTokens {
    private LeaseToken token;
    private OutgoingRequest plain;
    private OutgoingRequest attached;

    /** {@code request} carrying the latest token; as it is when there is none. */
    OutgoingRequest attach(OutgoingRequest request) {
        LeaseToken current = token;
        if (current == null || request.request().token() == current) {
            return request;
        }
        if (request != plain || attached.request().token() != current) {
            plain = request;
            attached = new OutgoingRequest(request.request().withToken(current), request.target());
        }
        return attached;
    }

    /** A new registration's token replaces the last; a "not registered" rejection clears it. */
    void received(Response response) {
        if (!response.reject()) {
            if (response.token() != null) {
                token = response.token();
            }
        } else if (response.notRegistered()) {
            token = null;
        }
    }
}
