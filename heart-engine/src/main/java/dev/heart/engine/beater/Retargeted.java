package dev.heart.engine.beater;

import dev.heart.api.AttemptPlan;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatingContext;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;

/**
 * The answer a {@link FailoverBeater} hands to the beater it wraps: the same answer, context and
 * clock, but every request it sends goes to the registry the beating beats now.
 */
final class Retargeted implements BeatAnswer {
    private final BeatAnswer answer;
    private final URI target;
    private final FailoverBeater owner;

    Retargeted(BeatAnswer answer, URI target, FailoverBeater owner) {
        this.answer = answer;
        this.target = target;
        this.owner = owner;
    }

    @Override
    public void send(OutgoingRequest request, AttemptPlan plan) {
        owner.sentTo(target);
        answer.send(request.target().equals(target) ? request : new OutgoingRequest(request.request(), target), plan);
    }

    @Override
    public OutgoingRequest lastRequest() {
        return answer.lastRequest();
    }

    @Override
    public BeatingContext context() {
        return answer.context();
    }

    @Override
    public long nanoTime() {
        return answer.nanoTime();
    }

    @Override
    public Response response() {
        return answer.response();
    }

    @Override
    public Duration roundTrip() {
        return answer.roundTrip();
    }

    @Override
    public int retries() {
        return answer.retries();
    }

    @Override
    public boolean established() {
        return answer.established();
    }
}
