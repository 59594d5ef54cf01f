package dev.heart.transport.eureka.internal;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * A response body read with a bound: at most {@code limit} bytes, kept or only counted. A body
 * beyond the bound fails the exchange at once (the subscription is cancelled, so the JDK closes
 * the connection instead of reading on), so that a hostile server, or anyone on the path of a
 * plaintext {@code eureka://} target, cannot exhaust the client's heap with one answer. A body
 * within the bound is read to its end, so the connection stays pooled.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
    private static final byte[] NONE = new byte[0];

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final int limit;
    private final boolean keep;
    private byte[] bytes = NONE;
    private long count;
    private Flow.@Nullable Subscription subscription;

    private BoundedBody(int limit, boolean keep) {
        this.limit = limit;
        this.keep = keep;
    }

    /** A body counted and dropped; more than {@code limit} bytes fail the exchange. */
    static HttpResponse.BodyHandler<byte[]> discarding(int limit) {
        return info -> new BoundedBody(limit, false);
    }

    /** A body kept; more than {@code limit} bytes fail the exchange. */
    static HttpResponse.BodyHandler<byte[]> keeping(int limit) {
        return info -> new BoundedBody(limit, true);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int n = item.remaining();
            count += n;
            if (count > limit) {
                Objects.requireNonNull(subscription, "onSubscribe comes first (Flow)")
                        .cancel();
                bytes = NONE;
                result.completeExceptionally(
                        new IOException("the response body exceeds " + limit + " bytes: not read further"));
                return;
            }
            if (keep) {
                int at = bytes.length;
                bytes = Arrays.copyOf(bytes, at + n);
                item.get(bytes, at, n);
            } else {
                item.position(item.limit());
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(bytes);
    }
}
