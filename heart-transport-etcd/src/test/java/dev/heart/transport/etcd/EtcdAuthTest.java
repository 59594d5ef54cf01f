package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.heart.api.NoTransportException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.security.Credentials;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.transport.etcd.grpc.AuthEnableRequest;
import dev.heart.transport.etcd.grpc.AuthGrpc;
import dev.heart.transport.etcd.grpc.AuthRoleAddRequest;
import dev.heart.transport.etcd.grpc.AuthRoleGrantPermissionRequest;
import dev.heart.transport.etcd.grpc.AuthUserAddRequest;
import dev.heart.transport.etcd.grpc.AuthUserGrantRoleRequest;
import dev.heart.transport.etcd.grpc.AuthenticateRequest;
import dev.heart.transport.etcd.grpc.KVGrpc;
import dev.heart.transport.etcd.grpc.Permission;
import dev.heart.transport.etcd.grpc.PutRequest;
import dev.heart.transport.etcd.grpc.RangeRequest;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdServer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * etcd with authentication on ({@code --auth-token simple}, token TTL 2 s): the transport logs in
 * with user and password, sends the token on every call, logs in again when the token has
 * expired without losing a registration, and its role may write under {@code /heart/} only.
 * Credentials appear in no message and no {@code toString}.
 */
@Timeout(120)
class EtcdAuthTest {
    static final String PASSWORD = "s3cret-Pa55word";
    /** This etcd listens in plaintext on loopback: the tests opt in by the one name. */
    static final Credentials PLAINTEXT_ALLOWED =
            Credentials.of("heart", PASSWORD.toCharArray()).allowPlaintextCredentials();

    static final Duration WAIT = Duration.ofSeconds(20);
    static EtcdCluster etcd;
    static URI target;

    @BeforeAll
    static void startEtcdWithAuth() {
        etcd = EtcdCluster.prepare(1);
        EtcdServer member = etcd.member(0);
        member.configure(List.of("--auth-token", "simple", "--auth-token-ttl", "2"), false);
        etcd.startAll();
        target = member.target();
        ManagedChannel channel = channel();
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

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    static ManagedChannel channel() {
        return ManagedChannelBuilder.forAddress("127.0.0.1", target.getPort())
                .usePlaintext()
                .build();
    }

    static String token(ManagedChannel channel, String user, String password) {
        return AuthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .authenticate(AuthenticateRequest.newBuilder()
                        .setName(user)
                        .setPassword(password)
                        .build())
                .getToken();
    }

    static KVGrpc.KVBlockingStub kv(ManagedChannel channel, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER), token);
        return KVGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    static Response beat(RequestProtocol protocol, String id) throws Exception {
        RegistrantInfo who = new RegistrantInfo(id, "auth", Map.of(EtcdTransport.TTL_ATTRIBUTE, "10"));
        return protocol.send(new OutgoingRequest(Request.beat(who), target), Duration.ofSeconds(10))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static boolean keyPresent(String key) {
        ManagedChannel channel = channel();
        try {
            return kv(channel, token(channel, "heart", PASSWORD))
                            .range(RangeRequest.newBuilder()
                                    .setKey(ByteString.copyFromUtf8(key))
                                    .build())
                            .getKvsCount()
                    == 1;
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void withoutCredentialsEtcdRefusesAndTheMessageSaysWhy() {
        try (RequestProtocol protocol = EtcdTransport.create()) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> beat(protocol, "anonymous"));
            assertTrue(
                    failed.getCause().getMessage().contains("user name is empty")
                            || failed.getCause().getMessage().contains("permission denied"),
                    failed.getCause().getMessage());
        }
    }

    @Test
    void registersWithUserAndPasswordAndLogsInAgainAfterTheTokenExpired() throws Exception {
        try (RequestProtocol protocol =
                EtcdTransport.builder().credentials(PLAINTEXT_ALLOWED).build()) {
            Response first = beat(protocol, "first");
            assertFalse(first.reject(), "registered: " + first);
            assertTrue(keyPresent("/heart/auth/first"));
            assertFalse(beat(protocol, "first").reject(), "a keepalive with the token");

            // prove that tokens do expire here: one taken now is refused after its TTL
            ManagedChannel channel = channel();
            try {
                String old = token(channel, "heart", PASSWORD);
                Thread.sleep(4_000);
                StatusRuntimeException refused = assertThrows(
                        StatusRuntimeException.class,
                        () -> kv(channel, old)
                                .range(RangeRequest.newBuilder()
                                        .setKey(ByteString.copyFromUtf8("/heart/x"))
                                        .build()));
                assertTrue(refused.getStatus().getDescription().contains("invalid auth token"), refused.toString());
            } finally {
                channel.shutdownNow();
            }
            // the transport's token is as old: the next registration logs in again, the first is kept
            Response second = beat(protocol, "second");
            assertFalse(second.reject(), "registered after the token expired: " + second);
            assertTrue(keyPresent("/heart/auth/second"));
            assertFalse(beat(protocol, "first").reject(), "the first registration is kept");
            assertTrue(keyPresent("/heart/auth/first"));
            assertFalse(protocol.toString().contains(PASSWORD), protocol.toString());
        }
    }

    @Test
    void theRoleMayWriteUnderTheRegistrantsPrefixOnly() {
        ManagedChannel channel = channel();
        try {
            String token = token(channel, "heart", PASSWORD);
            kv(channel, token)
                    .put(PutRequest.newBuilder()
                            .setKey(ByteString.copyFromUtf8("/heart/auth/by-hand"))
                            .setValue(ByteString.copyFromUtf8("ok"))
                            .build());
            StatusRuntimeException refused = assertThrows(
                    StatusRuntimeException.class,
                    () -> kv(channel, token)
                            .put(PutRequest.newBuilder()
                                    .setKey(ByteString.copyFromUtf8("/elsewhere"))
                                    .setValue(ByteString.copyFromUtf8("no"))
                                    .build()));
            assertEquals(Status.Code.PERMISSION_DENIED, refused.getStatus().getCode(), refused.toString());
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aWrongPasswordFailsTheBeatWithoutShowingThePassword() {
        String wrong = "not-the-" + PASSWORD;
        try (RequestProtocol protocol = EtcdTransport.builder()
                .credentials(Credentials.of("heart", wrong.toCharArray()).allowPlaintextCredentials())
                .build()) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> beat(protocol, "wrong"));
            String message = failed.getCause().getMessage();
            assertTrue(message.contains("authentication") && message.contains("heart"), message);
            assertFalse(message.contains(wrong), message);
            assertFalse(protocol.toString().contains(wrong));
        }
    }

    @Test
    void credentialsAreNeverSentToAPlaintextTargetUnlessAllowedByName() throws Exception {
        Credentials tlsOnly = Credentials.of("heart", PASSWORD.toCharArray());
        try (RequestProtocol protocol =
                EtcdTransport.builder().credentials(tlsOnly).build()) {
            NoTransportException refused = assertThrows(NoTransportException.class, () -> protocol.check(target));
            assertTrue(
                    refused.getMessage().contains("in clear to etcd://")
                            && refused.getMessage().contains("allowPlaintextCredentials()"),
                    refused.getMessage());
            assertFalse(refused.getMessage().contains(PASSWORD));
            assertThrows(IllegalArgumentException.class, () -> beat(protocol, "refused"));
            assertFalse(keyPresent("/heart/auth/refused"), "nothing was registered");
            protocol.check(URI.create("etcds://127.0.0.1:" + target.getPort())); // TLS: accepted
        }
        try (RequestProtocol protocol =
                EtcdTransport.builder().credentials(PLAINTEXT_ALLOWED).build()) {
            protocol.check(target);
            assertFalse(beat(protocol, "allowed").reject());
            assertTrue(keyPresent("/heart/auth/allowed"));
        }
    }

    @Test
    void theBuilderNeverShowsThePassword() {
        EtcdTransport.Builder builder = EtcdTransport.builder().credentials(PLAINTEXT_ALLOWED);
        assertFalse(builder.toString().contains(PASSWORD), builder.toString());
        assertTrue(builder.toString().contains("heart"), builder.toString());
    }
}
