package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static dev.heart.engine.ScenarioTest.outcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.LeaseToken;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine carries the latest lease token of a beating on each next request, the disconnect included. */
class LeaseTokenTest {
    static final LeaseToken A = LeaseToken.of("token-a".getBytes(StandardCharsets.UTF_8));
    static final LeaseToken B = LeaseToken.of("token-b".getBytes(StandardCharsets.UTF_8));

    final ManualTime time = new ManualTime();

    static ScriptedProtocol.Step answer(Response response) {
        return new ScriptedProtocol.Answer(Duration.ZERO, response);
    }

    @Test
    void theLatestRegistrationsTokenRidesOnEveryNextRequest_aNotRegisteredRejectionClearsIt() {
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), A)), // registered: A
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10))), // no token: keeps A
                answer(Response.reject(ScriptedProtocol.REGISTRY, RejectReason.NOT_REGISTERED)), // clears
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), B)), // registered: B
                answer(Response.reject(ScriptedProtocol.REGISTRY, RejectReason.CAPACITY)), // keeps B
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10))));
        List<OutgoingRequest> seenByBeater = new ArrayList<>();
        int[] calls = {0};
        Heart heart = Heart.builder(next -> {
                    seenByBeater.add(next.lastRequest());
                    next.send(
                            next.lastRequest(),
                            Attempts.of(SECOND, 0),
                            ++calls[0] < 6 ? Duration.ZERO : Duration.ofHours(1));
                })
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating beating = heart.start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        beating.stop();
        time.advance(SECOND);

        List<LeaseToken> tokens = new ArrayList<>();
        protocol.sent.forEach(sent -> tokens.add(sent.request().token()));
        assertEquals(
                java.util.Arrays.asList(null, A, A, null, B, B, B),
                tokens,
                "tokens of: first beat, after A, after an answer without token, after NOT_REGISTERED, after B,"
                        + " after a CAPACITY rejection, the disconnect");
        OutgoingRequest goodbye = protocol.sent.get(protocol.sent.size() - 1);
        assertTrue(goodbye.request().disconnect(), "the last request is the disconnect");
        assertInstanceOf(BeatingStoppedException.class, outcome(beating));
        seenByBeater.forEach(request -> assertSame(REQUEST, request, "the beater's own request, without our token"));
        assertNull(REQUEST.request().token());
    }

    @Test
    void aBeatersOwnTokenIsSentAsItIs_untilTheRegistryIssuesOne() {
        LeaseToken own = LeaseToken.of(new byte[] {1, 2, 3});
        OutgoingRequest withOwn = new OutgoingRequest(REQUEST.request().withToken(own), REQUEST.target());
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10))),
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), A)),
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10))));
        int[] calls = {0};
        Heart heart = Heart.builder(next -> {
                    if (++calls[0] < 3) {
                        next.send(withOwn, SECOND, 0);
                    }
                })
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating beating = heart.start(withOwn, SECOND, 0);
        time.advance(SECOND);

        assertNull(outcome(beating));
        List<LeaseToken> tokens = new ArrayList<>();
        protocol.sent.forEach(sent -> tokens.add(sent.request().token()));
        assertEquals(List.of(own, own, A), tokens);
    }

    @Test
    void aTokenIsAttachedOnlyToTheRegistryThatIssuedIt() {
        // r1 (over TLS) issues A; the beater moves to r2 (plaintext) and back: A never reaches r2.
        OutgoingRequest atR1 = new OutgoingRequest(REQUEST.request(), java.net.URI.create("tcps://r1:1"));
        OutgoingRequest atR2 = new OutgoingRequest(REQUEST.request(), java.net.URI.create("tcp://r2:2"));
        ScriptedProtocol protocol = new ScriptedProtocol(
                time,
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10), A)), // r1 registers: A
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10))), // r2, no token
                answer(Response.reject(ScriptedProtocol.REGISTRY, RejectReason.NOT_REGISTERED)), // r2: not r1's word
                answer(Response.accept(ScriptedProtocol.REGISTRY, Duration.ofSeconds(10)))); // r1 again
        List<OutgoingRequest> plan = List.of(atR2, atR2, atR1);
        int[] calls = {0};
        Heart heart = Heart.builder(next -> {
                    if (calls[0] < plan.size()) {
                        next.send(plan.get(calls[0]++), SECOND, 0);
                    }
                })
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Beating beating = heart.start(atR1, SECOND, 0);
        time.advance(SECOND);

        assertNull(outcome(beating));
        List<String> sent = new ArrayList<>();
        protocol.sent.forEach(
                s -> sent.add(s.target().getHost() + " " + (s.request().token() == null ? "-" : "A")));
        assertEquals(
                List.of("r1 -", "r2 -", "r2 -", "r1 A"),
                sent,
                "r1's token goes to r1 only, and r2's 'not registered' does not clear it");
    }

    @Test
    void aTokenNeverShowsInToString() {
        assertEquals("LeaseToken[7 bytes]", A.toString());
        assertTrue(!REQUEST.request().withToken(A).toString().contains("token-a"));
    }
}
