package dev.heart.transport.etcd.internal;

import com.google.protobuf.ByteString;
import dev.heart.transport.etcd.grpc.DeleteRangeRequest;
import dev.heart.transport.etcd.grpc.KVGrpc;
import dev.heart.transport.etcd.grpc.KeyValue;
import dev.heart.transport.etcd.grpc.LeaseGrpc;
import dev.heart.transport.etcd.grpc.LeaseRevokeRequest;
import dev.heart.transport.etcd.grpc.MaintenanceGrpc;
import dev.heart.transport.etcd.grpc.PutRequest;
import dev.heart.transport.etcd.grpc.RangeRequest;
import dev.heart.transport.etcd.grpc.RangeResponse;
import dev.heart.transport.etcd.grpc.StatusRequest;
import dev.heart.transport.etcd.grpc.StatusResponse;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks into etcd from the test's side over its gRPC API (plaintext members only), independently
 * of the transport's lease table: what a key holds, which lease it is attached to, who leads.
 * Blocking; one channel per call; for tests only.
 */
public final class EtcdProbe {
    private EtcdProbe() {}

    /**
     * A key's value and lease.
     *
     * @param value the value as text
     * @param lease the lease id, 0 when none
     */
    public record Entry(String value, long lease) {}

    /** The entry of {@code key} at member {@code target} ({@code etcd://host:port}), if any. */
    public static Optional<Entry> get(URI target, String key) {
        RangeResponse range = with(
                target,
                channel -> KVGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .range(RangeRequest.newBuilder()
                                .setKey(ByteString.copyFromUtf8(key))
                                .build()));
        if (range.getKvsCount() == 0) {
            return Optional.empty();
        }
        KeyValue kv = range.getKvs(0);
        return Optional.of(new Entry(kv.getValue().toString(StandardCharsets.UTF_8), kv.getLease()));
    }

    /** The keys under {@code prefix} at member {@code target}. */
    public static List<String> keys(URI target, String prefix) {
        byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
        end[end.length - 1]++;
        RangeResponse range = with(
                target,
                channel -> KVGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .range(RangeRequest.newBuilder()
                                .setKey(ByteString.copyFromUtf8(prefix))
                                .setRangeEnd(ByteString.copyFrom(end))
                                .setKeysOnly(true)
                                .build()));
        List<String> keys = new ArrayList<>();
        range.getKvsList().forEach(kv -> keys.add(kv.getKey().toString(StandardCharsets.UTF_8)));
        return keys;
    }

    /** Deletes {@code key} behind the transport's back. */
    public static void delete(URI target, String key) {
        with(
                target,
                channel -> KVGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .deleteRange(DeleteRangeRequest.newBuilder()
                                .setKey(ByteString.copyFromUtf8(key))
                                .build()));
    }

    /** Writes {@code key} without a lease, behind the transport's back. */
    public static void put(URI target, String key, String value) {
        with(
                target,
                channel -> KVGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .put(PutRequest.newBuilder()
                                .setKey(ByteString.copyFromUtf8(key))
                                .setValue(ByteString.copyFromUtf8(value))
                                .build()));
    }

    /** Revokes {@code lease} behind the transport's back. */
    public static void revoke(URI target, long lease) {
        with(
                target,
                channel -> LeaseGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .leaseRevoke(
                                LeaseRevokeRequest.newBuilder().setID(lease).build()));
    }

    /** Whether member {@code target} is the cluster's leader. */
    public static boolean isLeader(URI target) {
        StatusResponse status = with(
                target,
                channel -> MaintenanceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .status(StatusRequest.getDefaultInstance()));
        return status.getLeader() == status.getHeader().getMemberId();
    }

    /** "ready" when the member at {@code clientPort} answers its status and knows a leader, else why not. */
    static String health(int clientPort) {
        try {
            StatusResponse status = with(
                    URI.create("etcd://127.0.0.1:" + clientPort),
                    channel -> MaintenanceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(2, TimeUnit.SECONDS)
                            .status(StatusRequest.getDefaultInstance()));
            return status.getLeader() != 0 ? "ready" : "no leader yet";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    private static <T> T with(URI target, Function<ManagedChannel, T> call) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress(target.getHost(), target.getPort())
                .usePlaintext()
                .build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow();
        }
    }
}
