package dev.heart.transport.etcd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Where a cluster moves when its member is unreachable: the next member in etcd's order, with the
 * target's scheme only. A member advertising both {@code http} and {@code https} client URLs is
 * reached over TLS from an {@code etcds} target, never in plaintext (where the password would go).
 */
class ClusterMovesTest {
    static final URI A_TLS = URI.create("etcds://10.0.0.1:2379");
    static final URI A_PLAIN = URI.create("etcd://10.0.0.1:2381");
    static final URI B_PLAIN = URI.create("etcd://10.0.0.2:2381");
    static final URI B_TLS = URI.create("etcds://10.0.0.2:2379");
    static final URI C_PLAIN = URI.create("etcd://10.0.0.3:2381");
    static final Members KNOWN = new Members(
            7,
            1,
            List.of(
                    new Members.Entry(1, "a", List.of(A_TLS, A_PLAIN)),
                    new Members.Entry(2, "b", List.of(B_PLAIN, B_TLS)),
                    new Members.Entry(3, "c", List.of(C_PLAIN))));

    @Test
    void aTlsTargetMovesToTlsMembersOnly() {
        assertEquals(B_TLS, Cluster.next(KNOWN, true, A_TLS));
        assertEquals(A_TLS, Cluster.next(KNOWN, true, B_TLS));
        assertNull(
                Cluster.next(
                        new Members(
                                7,
                                1,
                                List.of(
                                        new Members.Entry(1, "a", List.of(A_TLS)),
                                        new Members.Entry(3, "c", List.of(C_PLAIN)))),
                        true,
                        A_TLS),
                "no TLS member left: stay");
    }

    @Test
    void aPlaintextTargetMovesInEtcdsOrderAndWrapsAround() {
        assertEquals(B_PLAIN, Cluster.next(KNOWN, false, A_PLAIN));
        assertEquals(C_PLAIN, Cluster.next(KNOWN, false, B_PLAIN));
        assertEquals(A_PLAIN, Cluster.next(KNOWN, false, C_PLAIN));
        assertEquals(
                A_PLAIN,
                Cluster.next(KNOWN, false, URI.create("etcd://localhost:2381")),
                "a target named otherwise than the members: the first member");
        assertNull(Cluster.next(Members.NONE, false, A_PLAIN), "no member list: stay");
    }
}
