package dev.heart.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The protocol records validate their components and copy their collections. */
class RecordsTest {
    static final URI ADDRESS = URI.create("tcp://127.0.0.1:7070");
    static final RegistryInfo REGISTRY = RegistryInfo.of("r1", "svc", ADDRESS);

    static void refused(Class<? extends Throwable> type, String argument, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage().contains(argument), thrown.getMessage());
    }

    @Test
    void registrantInfo_refusesNullAndBlank() {
        refused(NullPointerException.class, "id", () -> new RegistrantInfo(null, "svc", Map.of()));
        refused(IllegalArgumentException.class, "id", () -> new RegistrantInfo(" ", "svc", Map.of()));
        refused(IllegalArgumentException.class, "serviceType", () -> new RegistrantInfo("a", "", Map.of()));
        refused(NullPointerException.class, "attributes", () -> new RegistrantInfo("a", "svc", null));
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("zone", null);
        refused(NullPointerException.class, "zone", () -> new RegistrantInfo("a", "svc", nullValue));
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        Map<String, String> attributes = new HashMap<>(Map.of("k", "v"));
        List<URI> candidates = new ArrayList<>(List.of(ADDRESS));
        RegistrantInfo registrant = new RegistrantInfo("a", "svc", attributes);
        RegistryInfo registry = new RegistryInfo("r", "svc", ADDRESS, candidates, attributes);
        attributes.put("k2", "v2");
        candidates.clear();
        assertEquals(Map.of("k", "v"), registrant.attributes());
        assertEquals(List.of(ADDRESS), registry.candidates());
        assertThrows(
                UnsupportedOperationException.class,
                () -> registrant.attributes().put("x", "y"));
        assertThrows(
                UnsupportedOperationException.class, () -> registry.candidates().add(ADDRESS));
    }

    @Test
    void registryInfo_refusesNullCandidateAndAddress() {
        List<URI> withNull = new ArrayList<>();
        withNull.add(null);
        refused(
                NullPointerException.class,
                "candidate",
                () -> new RegistryInfo("r", "svc", ADDRESS, withNull, Map.of()));
        refused(NullPointerException.class, "address", () -> RegistryInfo.of("r", "svc", null));
    }

    @Test
    void response_refusesNegativeTimeout() {
        refused(IllegalArgumentException.class, "timeout", () -> new Response(REGISTRY, Duration.ofMillis(-1), false));
        refused(NullPointerException.class, "registry", () -> Response.accept(null, Duration.ZERO));
        assertTrue(Response.reject(REGISTRY).reject());
    }

    @Test
    void outgoingRequest_needsATargetWithAScheme() {
        Request request = Request.beat(RegistrantInfo.of("a", "svc"));
        refused(
                IllegalArgumentException.class,
                "scheme",
                () -> new OutgoingRequest(request, URI.create("relative/path")));
        refused(NullPointerException.class, "target", () -> new OutgoingRequest(request, null));
        OutgoingRequest outgoing = new OutgoingRequest(request, ADDRESS);
        assertTrue(outgoing.asDisconnect().request().disconnect());
        assertEquals(ADDRESS, outgoing.asDisconnect().target());
    }

    @Test
    void beatFailure_keepsEveryCauseInOrder() {
        OutgoingRequest outgoing = new OutgoingRequest(Request.beat(RegistrantInfo.of("a", "svc")), ADDRESS);
        List<Throwable> causes = List.of(
                new TransportException(ADDRESS, "one"),
                new AttemptTimeoutException(Duration.ofMillis(100)),
                new TransportException(ADDRESS, "three"));
        BeatFailedException failure = new BeatFailedException(outgoing, causes);
        assertEquals(causes, failure.causes());
        assertEquals(causes.get(0), failure.getCause());
        assertEquals(List.of(causes.get(1), causes.get(2)), List.of(failure.getSuppressed()));
        assertTrue(failure.getMessage().contains("3 attempts"), failure.getMessage());
        refused(IllegalArgumentException.class, "causes", () -> new BeatFailedException(outgoing, List.of()));
    }
}
