package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.security.Credentials;
import dev.heart.api.security.TlsConfig;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.grpc.AuthEnableRequest;
import dev.heart.transport.etcd.grpc.AuthGrpc;
import dev.heart.transport.etcd.grpc.AuthRoleAddRequest;
import dev.heart.transport.etcd.grpc.AuthRoleGrantPermissionRequest;
import dev.heart.transport.etcd.grpc.AuthUserAddRequest;
import dev.heart.transport.etcd.grpc.AuthUserGrantRoleRequest;
import dev.heart.transport.etcd.grpc.Permission;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdServer;
import dev.heart.transport.etcd.internal.GrpcEtcdClient;
import dev.heart.transport.etcd.tls.TestCertificates;
import dev.heart.transport.etcd.tls.TestCertificates.Issued;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-member etcd cluster with authentication on, whose members serve TLS and also plaintext, and
 * advertise their {@code http} client URL first. A heart with credentials at an {@code etcds}
 * target whose member is killed moves to another member over TLS: the same registration goes on,
 * and the transport never opens a plaintext endpoint, so the password never goes there.
 */
@Timeout(120)
class TlsClusterTest {
    static final String PASSWORD = "s3cret-Pa55word";

    @TempDir
    static Path dir;

    @Test
    void anEtcdsTargetNeverMovesOntoAMembersHttpUrlAndTheRegistrationGoesOn() throws Exception {
        Issued ca = TestCertificates.ca(dir, "ca");
        Issued server = TestCertificates.server(dir, "server", ca);
        try (EtcdCluster cluster = EtcdCluster.prepare(3)) {
            List<URI> plain = new ArrayList<>();
            for (EtcdServer member : cluster.members()) {
                plain.add(member.alsoPlaintext());
                member.configure(
                        List.of(
                                "--cert-file",
                                server.certFile().toString(),
                                "--key-file",
                                server.keyFile().toString()),
                        true);
            }
            cluster.startAll();
            enableAuth(plain.get(1));
            EtcdServer first = cluster.member(0);
            RegistrantInfo who = new RegistrantInfo("tls-1", "tls", Map.of(EtcdTransport.TTL_ATTRIBUTE, "6"));
            try (RequestProtocol protocol = EtcdTransport.builder()
                    .tls(TlsConfig.builder().trust(ca.certFile()).build())
                    .credentials(Credentials.of("heart", PASSWORD.toCharArray()))
                    .membersRefresh(Duration.ZERO)
                    .build()) {
                OutgoingRequest beat = new OutgoingRequest(Request.beat(who), first.secureTarget());
                Response registered = protocol.send(beat, Duration.ofSeconds(5)).get(20, TimeUnit.SECONDS);
                assertFalse(registered.reject(), registered.toString());
                assertTrue(registered.registry().candidates().isEmpty(), "no member is a candidate: " + registered);
                assertFalse(protocol.send(beat, Duration.ofSeconds(5))
                        .get(20, TimeUnit.SECONDS)
                        .reject());

                first.kill();
                Response after = untilAnswered(protocol, beat, Duration.ofSeconds(6));
                assertFalse(after.reject(), "the same lease kept alive through another member: " + after);
                for (String endpoint : ((GrpcEtcdClient) protocol).endpointKeys()) {
                    assertTrue(
                            endpoint.startsWith("etcds://"),
                            "a plaintext endpoint was opened: " + ((GrpcEtcdClient) protocol).endpointKeys());
                }
                assertTrue(
                        ((GrpcEtcdClient) protocol).endpointKeys().size() >= 2,
                        "moved to another member: " + ((GrpcEtcdClient) protocol).endpointKeys());
            }
        }
    }

    /** Sends {@code beat} until one is answered, within {@code bound} (a TTL); the first may fail on the dead member. */
    private static Response untilAnswered(RequestProtocol protocol, OutgoingRequest beat, Duration bound)
            throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + bound.toNanos();
        Throwable last = null;
        while (System.nanoTime() - end < 0) {
            try {
                return protocol.send(beat, Duration.ofSeconds(1)).get(5, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                last = e.getCause();
                Thread.sleep(100);
            }
        }
        return fail("no answer within " + bound + " after the member was killed; last: " + last);
    }

    /** Users root and heart (read-write on /heart/ only), then authentication on, through a plaintext door. */
    private static void enableAuth(URI plaintext) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", plaintext.getPort())
                .usePlaintext()
                .build();
        try {
            AuthGrpc.AuthBlockingStub auth = AuthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
            auth.userAdd(AuthUserAddRequest.newBuilder()
                    .setName("root")
                    .setPassword("root-" + PASSWORD)
                    .build());
            auth.userGrantRole(AuthUserGrantRoleRequest.newBuilder()
                    .setUser("root")
                    .setRole("root")
                    .build());
            auth.roleAdd(AuthRoleAddRequest.newBuilder().setName("heart-role").build());
            auth.roleGrantPermission(AuthRoleGrantPermissionRequest.newBuilder()
                    .setName("heart-role")
                    .setPerm(Permission.newBuilder()
                            .setPermType(Permission.Type.READWRITE)
                            .setKey(ByteString.copyFromUtf8("/heart/"))
                            .setRangeEnd(ByteString.copyFromUtf8("/heart0")))
                    .build());
            auth.userAdd(AuthUserAddRequest.newBuilder()
                    .setName("heart")
                    .setPassword(PASSWORD)
                    .build());
            auth.userGrantRole(AuthUserGrantRoleRequest.newBuilder()
                    .setUser("heart")
                    .setRole("heart-role")
                    .build());
            auth.authEnable(AuthEnableRequest.getDefaultInstance());
        } finally {
            channel.shutdownNow();
        }
    }
}
