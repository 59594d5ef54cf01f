package dev.heart.transport.etcd.internal;

import dev.heart.transport.etcd.grpc.AuthGrpc;
import dev.heart.transport.etcd.grpc.AuthenticateRequest;
import dev.heart.transport.etcd.grpc.ClusterGrpc;
import dev.heart.transport.etcd.grpc.MemberListRequest;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.ChannelOption;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One etcd endpoint (host, port, security): its one gRPC channel, its keepalive stream, its watch,
 * its auth token and its cached member list. Thread-safe.
 */
final class Endpoint {
    private static final Metadata.Key<String> TOKEN = Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER);
    private static final CompletableFuture<String> NO_TOKEN = CompletableFuture.completedFuture(null);
    /** gRPC's default window (1 MiB), fixed: an explicit window turns off its auto-tuning pings. */
    private static final int FLOW_CONTROL_WINDOW = 1 << 20;

    private final URI uri;
    /** Told when this member cannot be reached, so that its cluster moves to another member. */
    private final java.util.function.Consumer<Endpoint> unreachable;

    private final boolean secure;
    private final EtcdSettings settings;
    private final ManagedChannel channel;
    private final KeepAlives keepAlives;
    private final Watcher watcher;
    private final ConcurrentHashMap<String, Registration> byKey = new ConcurrentHashMap<>();
    private final AtomicReference<CompletableFuture<String>> token = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<Members>> membersRefresh = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong lastReset =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
    private volatile Members members = Members.NONE;
    private volatile long membersAt;

    Endpoint(
            Target target,
            EtcdSettings settings,
            EventLoopGroup group,
            Executor executor,
            java.util.function.Consumer<Endpoint> unreachable) {
        this.unreachable = unreachable;
        this.uri = URI.create(target.endpointKey());
        this.secure = target.secure();
        this.settings = settings;
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress(
                        new InetSocketAddress(target.host(), target.port()))
                .eventLoopGroup(group)
                .channelType(NioSocketChannel.class)
                .offloadExecutor(executor)
                .proxyDetector(address -> null)
                .withOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .flowControlWindow(
                        FLOW_CONTROL_WINDOW) // a fixed window: no BDP pings for etcd to answer on every burst of
                // answers
                .keepAliveTime(30, TimeUnit.SECONDS)
                .keepAliveTimeout(10, TimeUnit.SECONDS)
                .disableRetry();
        if (settings.threads() > 0) {
            builder.executor(executor);
        } else {
            builder.directExecutor(); // callbacks on the event loop: short, never blocking
        }
        if (target.secure()) {
            builder.sslContext(settings.tls().context());
        } else {
            builder.usePlaintext();
        }
        this.channel = builder.build();
        this.keepAlives = new KeepAlives(this, group.next(), settings.keepAliveWindow());
        this.watcher = new Watcher(this);
    }

    URI uri() {
        return uri;
    }

    ManagedChannel channel() {
        return channel;
    }

    KeepAlives keepAlives() {
        return keepAlives;
    }

    Watcher watcher() {
        return watcher;
    }

    @Nullable
    Registration registrationOf(String key) {
        return byKey.get(key);
    }

    void track(Registration registration) {
        byKey.put(registration.key, registration);
    }

    void untrack(Registration registration) {
        byKey.remove(registration.key, registration);
    }

    /** Options of the long-lived streams: the current token, no deadline. */
    CallOptions streamOptions() {
        CompletableFuture<String> current = token.get();
        String value =
                current != null && current.isDone() && !current.isCompletedExceptionally() ? current.join() : null;
        return value == null ? CallOptions.DEFAULT : CallOptions.DEFAULT.withCallCredentials(new Token(value));
    }

    /**
     * Calls {@code method}, with the auth token when the transport authenticates; when etcd says
     * the token is invalid or expired, authenticates again and calls once more.
     */
    <Q, A> CompletableFuture<A> call(MethodDescriptor<Q, A> method, Q request, Duration deadline) {
        return authenticated()
                .thenCompose(value -> attempt(method, request, deadline, value))
                .handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    unavailable(failure);
                    if (settings.authenticates() && Calls.tokenRejected(failure)) {
                        tokenRejected();
                        return authenticated().thenCompose(value -> attempt(method, request, deadline, value));
                    }
                    return CompletableFuture.<A>failedFuture(Calls.unwrap(failure));
                })
                .thenCompose(answer -> answer);
    }

    private <Q, A> CompletableFuture<A> attempt(
            MethodDescriptor<Q, A> method, Q request, Duration deadline, String value) {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
        if (value != null) {
            options = options.withCallCredentials(new Token(value));
        }
        return Calls.unary(channel, method, options, request);
    }

    /** The current token (authenticating when there is none), or null without authentication. */
    CompletableFuture<String> authenticated() {
        dev.heart.api.security.Credentials credentials = settings.credentials();
        if (credentials == null) { // settings.authenticates() is false
            return NO_TOKEN;
        }
        while (true) {
            CompletableFuture<String> current = token.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<String> fresh = new CompletableFuture<>();
            if (token.compareAndSet(current, fresh)) {
                try { // where the password is attached: never over a plaintext channel unless allowed by name
                    credentials.checkChannel(uri, secure);
                } catch (IllegalArgumentException e) {
                    fresh.completeExceptionally(e);
                    return fresh;
                }
                char[] secret = credentials.secret();
                AuthenticateRequest login = AuthenticateRequest.newBuilder()
                        .setName(credentials.user())
                        .setPassword(new String(secret))
                        .build();
                java.util.Arrays.fill(secret, '\0');
                Calls.unary(
                                channel,
                                AuthGrpc.getAuthenticateMethod(),
                                CallOptions.DEFAULT.withDeadlineAfter(
                                        settings.connectTimeout().toNanos() * 2, TimeUnit.NANOSECONDS),
                                login)
                        .whenComplete((answer, failure) -> {
                            if (failure != null) {
                                fresh.completeExceptionally(Calls.describe(
                                        uri, "authentication of user '" + credentials.user() + "'", failure));
                            } else {
                                fresh.complete(answer.getToken());
                            }
                        });
                return fresh;
            }
        }
    }

    /**
     * A call or stream failed as UNAVAILABLE: skip gRPC's own reconnect backoff (which grows to
     * two minutes) so that the next attempt, paced by the engine and the beater, connects again.
     * At most every 100 ms.
     */
    void unavailable(Throwable failure) {
        io.grpc.Status status = Calls.status(failure);
        if (status == null || status.getCode() != io.grpc.Status.Code.UNAVAILABLE) {
            return;
        }
        unreachable.accept(this);
        long now = System.nanoTime();
        long last = lastReset.get();
        if (now - last > 100_000_000L && lastReset.compareAndSet(last, now)) {
            channel.resetConnectBackoff();
        }
    }

    /** etcd refused the token: the next call authenticates again. */
    void tokenRejected() {
        CompletableFuture<String> current = token.get();
        if (current != null && current.isDone()) {
            token.compareAndSet(current, null);
        }
    }

    /**
     * The member list: the cached one while fresh; when stale, the cached one while a refresh runs
     * in the background; when there is none yet, the first answer (NONE if it fails).
     */
    CompletableFuture<Members> members(Duration deadline) {
        Members cached = membersNow(deadline);
        return cached != null ? CompletableFuture.completedFuture(cached) : membersLater(deadline);
    }

    /**
     * The cached member list without waiting (a stale one starts a refresh in the background), or
     * null when there is none yet.
     */
    @Nullable
    Members membersNow(Duration deadline) {
        Members cached = members;
        if (cached == Members.NONE) {
            return null;
        }
        if (System.nanoTime() - membersAt >= settings.membersRefresh().toNanos() && membersRefresh.get() == null) {
            membersLater(deadline);
        }
        return cached;
    }

    private CompletableFuture<Members> membersLater(Duration deadline) {
        Members cached = members;
        boolean fresh =
                System.nanoTime() - membersAt < settings.membersRefresh().toNanos();
        if (cached != Members.NONE && fresh) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<Members> refresh = membersRefresh.get();
        if (refresh == null) {
            CompletableFuture<Members> started = new CompletableFuture<>();
            if (membersRefresh.compareAndSet(null, started)) {
                call(ClusterGrpc.getMemberListMethod(), MemberListRequest.getDefaultInstance(), deadline)
                        .whenComplete((answer, failure) -> {
                            if (failure == null) {
                                members = Members.from(answer);
                                membersAt = System.nanoTime();
                            }
                            membersRefresh.set(null);
                            started.complete(members);
                        });
                refresh = started;
            } else {
                refresh = membersRefresh.get() == null
                        ? CompletableFuture.completedFuture(members)
                        : membersRefresh.get();
            }
        }
        return cached != Members.NONE ? CompletableFuture.completedFuture(cached) : refresh;
    }

    /** The last member list this member answered (or was given), without asking; NONE when there is none. */
    Members knownMembers() {
        return members;
    }

    /**
     * Takes {@code known} as the member list while this member has answered none, so that a
     * cluster that moved here can move on even if this member never answers; it is asked again
     * on first use.
     */
    void adoptMembers(Members known) {
        if (members == Members.NONE && known != Members.NONE) {
            members = known;
            membersAt = System.nanoTime() - settings.membersRefresh().toNanos(); // stale: refreshed on first use
        }
    }

    /** Tracks every registration tracked here at {@code next} too (its cluster moved there). */
    void moveTrackedTo(Endpoint next) {
        byKey.values().forEach(next::track);
    }

    /** Ends the streams and the channel. */
    void close() {
        keepAlives.close();
        watcher.close();
        channel.shutdownNow();
    }

    /** Waits, bounded, until the channel has stopped. */
    void awaitClosed(Duration bound) throws InterruptedException {
        channel.awaitTermination(bound.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** etcd's auth token as call metadata; never shown. */
    private static final class Token extends CallCredentials {
        private final String value;

        Token(String value) {
            this.value = value;
        }

        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            Metadata headers = new Metadata();
            headers.put(TOKEN, value);
            applier.apply(headers);
        }

        @Override
        public String toString() {
            return "Token[hidden]";
        }
    }
}
