package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Candidates from a member list: the other members' plain-HTTP client URLs as etcd:// URIs. */
class MembersTest {
    static final String LIST = "{\"header\":{\"cluster_id\":\"255\",\"member_id\":\"2\"},\"members\":["
            + "{\"ID\":\"1\",\"name\":\"m0\",\"clientURLs\":[\"http://127.0.0.1:2379\"]},"
            + "{\"ID\":\"2\",\"name\":\"m1\",\"clientURLs\":[\"http://127.0.0.1:2479\"]},"
            + "{\"ID\":\"3\",\"name\":\"m2\",\"clientURLs\":[\"https://10.0.0.3:2379\",\"http://10.0.0.3:2380\","
            + "\"http://127.0.0.1:2379\"]},"
            + "{\"ID\":\"4\",\"peerURLs\":[\"http://10.0.0.4:2380\"]}]}";

    static Members members() throws Exception {
        return Members.from(Json.readObject(LIST.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void candidatesAreTheOtherMembersInOrderWithoutTlsOrDuplicates() throws Exception {
        Members members = members();
        assertEquals(255, members.clusterId());
        assertEquals(2, members.answeredBy());
        assertEquals(List.of(URI.create("etcd://127.0.0.1:2379"), URI.create("etcd://10.0.0.3:2380")),
                members.candidates(2, URI.create("etcd://127.0.0.1:2479")));
    }

    @Test
    void theTargetItselfIsNoCandidateEvenUnderAnotherMember() throws Exception {
        assertEquals(List.of(URI.create("etcd://127.0.0.1:2479"), URI.create("etcd://10.0.0.3:2380")),
                members().candidates(1, URI.create("etcd://127.0.0.1:2379")));
    }

    @Test
    void namesMembersAndUnstartedOnesHaveNone() throws Exception {
        assertEquals("m1", members().name(2));
        assertEquals("", members().name(4));
        assertEquals("", members().name(99));
    }
}
