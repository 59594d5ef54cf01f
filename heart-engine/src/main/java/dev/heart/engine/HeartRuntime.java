package dev.heart.engine;

import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * What every beating of one {@link Heart} shares, whatever its beater: the transports, the timer,
 * the executor, the listeners, the settings, the figures, and the set of running beatings. The
 * loop's classes read it; {@link Heart} is only the public face. Thread-safe.
 */
final class HeartRuntime {
    private final RequestProtocol protocol;
    private final TimeSource time;
    private final Executor executor;
    private final Listeners listeners;
    private final RetryBackoff backoff;
    private final Duration disconnectTimeout;
    private final Duration lateBeatThreshold;
    private final HeartMetrics metrics = new HeartMetrics();
    private final BeatingLogs logs;
    private final List<AutoCloseable> owned;
    private final Set<BeatingRun> running = ConcurrentHashMap.newKeySet();

    HeartRuntime(HeartOptions builder) {
        List<AutoCloseable> own = new ArrayList<>();
        this.protocol = builder.protocol != null ? builder.protocol : owned(own, Transports.load());
        this.time = builder.time != null ? builder.time : owned(own, TimeSource.system());
        if (builder.executor != null) {
            this.executor = builder.executor;
        } else {
            ExecutorService created = DefaultExecutor.create();
            own.add(created::shutdown);
            this.executor = created;
        }
        this.listeners = new Listeners(List.copyOf(builder.listeners));
        this.logs = new BeatingLogs(time, builder.beatingLog);
        this.backoff = builder.backoff;
        this.disconnectTimeout = builder.disconnectTimeout;
        this.lateBeatThreshold = builder.lateBeatThreshold;
        this.owned = List.copyOf(own);
    }

    private static <T extends AutoCloseable> T owned(List<AutoCloseable> own, T resource) {
        own.add(resource);
        return resource;
    }

    /** Releases what the heart created itself (its timer, its executor, its transports). */
    void release() {
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                EngineLog.HEART.warn("closing {} failed", resource, e);
            }
        }
    }

    /** Stops every beating; the future completes once each has ended and what the heart created is released. */
    CompletableFuture<Void> stopAll() {
        List<BeatingRun> runs = new ArrayList<>(running);
        CompletableFuture<?>[] ends = new CompletableFuture<?>[runs.size()];
        for (int i = 0; i < ends.length; i++) {
            BeatingRun run = runs.get(i);
            run.stop();
            ends[i] = run.outcome().handle((v, e) -> null);
        }
        return CompletableFuture.allOf(ends).thenRun(this::release);
    }

    Set<BeatingRun> running() {
        return running;
    }

    void ended(BeatingRun run) {
        running.remove(run);
    }

    RequestProtocol protocol() {
        return protocol;
    }

    TimeSource time() {
        return time;
    }

    Executor executor() {
        return executor;
    }

    Listeners listeners() {
        return listeners;
    }

    RetryBackoff backoff() {
        return backoff;
    }

    Duration disconnectTimeout() {
        return disconnectTimeout;
    }

    Duration lateBeatThreshold() {
        return lateBeatThreshold;
    }

    BeatingLogs logs() {
        return logs;
    }

    HeartMetrics metrics() {
        return metrics;
    }
}
