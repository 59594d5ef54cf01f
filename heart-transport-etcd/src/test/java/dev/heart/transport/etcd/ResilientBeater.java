package dev.heart.transport.etcd;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A beater that never gives up, for the fault tests on real etcd processes (the contract of the
 * ready-made beaters in {@code docs/semantics.md} §9, until they ship it): beats at a third of the
 * granted TTL; a "not registered" rejection registers again at once; a failed beat is tried again
 * after a backoff doubling from 100 ms to 1 s, each time at the next known member (the targets it
 * started with plus every candidate seen). One instance drives any number of registrants; state is
 * kept per registrant.
 */
final class ResilientBeater implements HeartBeater {
    static final Duration ATTEMPT = Duration.ofSeconds(1);
    static final int RETRIES = 1;
    static final boolean DEBUG = Boolean.getBoolean("heart.debug");

    private final List<URI> members = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    final AtomicInteger notRegistered = new AtomicInteger();

    ResilientBeater(List<URI> members) {
        this.members.addAll(members);
    }

    OutgoingRequest first(RegistrantInfo registrant, URI target) {
        return new OutgoingRequest(Request.beat(registrant), target);
    }

    @Override
    public void beat(BeatAnswer next) {
        Response response = next.response();
        for (URI candidate : response.registry().candidates()) {
            if (!members.contains(candidate)) {
                members.add(candidate);
            }
        }
        OutgoingRequest last = next.lastRequest();
        if (DEBUG && last.request().registrant().id().endsWith("-0")) {
            System.out.println("DBG beat " + System.nanoTime() / 1_000_000 + " " + response);
        }
        failures.remove(last.request().registrant().id());
        if (response.notRegistered()) {
            notRegistered.incrementAndGet();
        }
        if (response.reject()) {
            next.send(
                    last.request().disconnect()
                            ? last
                            : new OutgoingRequest(last.request().asBeat(), last.target()),
                    ATTEMPT,
                    RETRIES);
        } else {
            next.send(last, Attempts.of(ATTEMPT, RETRIES), response.timeout().dividedBy(3));
        }
    }

    @Override
    public void beatFailed(BeatFailure next) {
        BeatFailedException failure = next.failure();
        OutgoingRequest last = next.lastRequest();
        if (DEBUG && last.request().registrant().id().endsWith("-0")) {
            System.out.println("DBG failed " + System.nanoTime() / 1_000_000 + " " + failure.causes());
        }
        int failed = failures.computeIfAbsent(last.request().registrant().id(), id -> new AtomicInteger())
                .incrementAndGet();
        List<URI> known = new ArrayList<>(members);
        int at = Math.max(0, known.indexOf(last.target()));
        URI target = known.get((at + 1) % known.size());
        Duration backoff = Duration.ofMillis(Math.min(1000, 100L << Math.min(failed - 1, 4)));
        next.send(new OutgoingRequest(last.request(), target), Attempts.of(ATTEMPT, RETRIES), backoff);
    }
}
