package dev.heart.transport.etcd.internal;

import dev.heart.api.TransportException;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/** Unary gRPC calls as {@link CompletableFuture}s, and etcd's errors as heart's exceptions. */
final class Calls {
    private Calls() {}

    /**
     * Starts {@code method} with {@code request}; cancelling the returned future cancels the call.
     * Completes on the channel's executor.
     */
    static <Q, A> CompletableFuture<A> unary(
            Channel channel, MethodDescriptor<Q, A> method, CallOptions options, Q request) {
        ClientCall<Q, A> call = channel.newCall(method, options);
        CompletableFuture<A> answer = new CompletableFuture<>();
        answer.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                call.cancel("cancelled by heart", null);
            }
        });
        ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
            @Override
            public void onNext(A value) {
                answer.complete(value);
            }

            @Override
            public void onError(Throwable failure) {
                answer.completeExceptionally(failure);
            }

            @Override
            public void onCompleted() {
                // the value came with onNext
            }
        });
        return answer;
    }

    /** The gRPC status of {@code failure}, or null when it is not a gRPC failure. */
    static @Nullable Status status(Throwable failure) {
        Throwable cause = unwrap(failure);
        while (cause != null) {
            if (cause instanceof StatusRuntimeException grpc) {
                return grpc.getStatus();
            }
            cause = cause.getCause();
        }
        return null;
    }

    /** Whether etcd says the auth token is invalid, expired or from an older auth revision. */
    static boolean tokenRejected(Throwable failure) {
        Status status = status(failure);
        if (status == null) {
            return false;
        }
        String description = status.getDescription() == null ? "" : status.getDescription();
        return status.getCode() == Status.Code.UNAUTHENTICATED
                || description.contains("invalid auth token")
                || description.contains("auth store is old");
    }

    /** {@code failure} as the exception a beat fails with: etcd's code and message, the target. */
    static Throwable describe(URI target, String operation, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TransportException || cause instanceof CancellationException) {
            return cause;
        }
        Status status = status(cause);
        if (status != null) {
            String description = status.getDescription() == null ? "" : ": " + status.getDescription();
            Throwable reason = status.getCause();
            String because = reason == null
                    ? ""
                    : " (" + reason.getClass().getSimpleName()
                            + (reason.getMessage() == null ? "" : ": " + reason.getMessage()) + ")";
            return new TransportException(
                    target, "etcd " + operation + " failed: " + status.getCode() + description + because, cause);
        }
        return new TransportException(target, "etcd " + operation + " failed: " + cause, cause);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
