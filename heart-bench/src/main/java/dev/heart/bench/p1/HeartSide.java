package dev.heart.bench.p1;

import dev.heart.api.Attempts;
import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailedException;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.HeartListener;
import dev.heart.transport.etcd.EtcdTransport;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * P1's heart side: N registrants on one {@link Heart} with the etcd transport, each beating at a
 * third of its lease (as jetcd's keepAlive does), registering again at once when not registered,
 * trying again after a second when a beat failed. The beater never blocks, so the heart runs it on
 * the thread that read the answer ({@code executor(Runnable::run)}, as its javadoc advises). With
 * {@code defaults}, the heart is what a user gets from {@code Heart.builder().build()} and {@code
 * heart.register(registrant, target)}: the ready-made {@code LeaseFollowingBeater} and the default
 * executor; a listener counts the answers and the failed attempts.
 */
final class HeartSide implements AutoCloseable {
    static final Duration ATTEMPT = Duration.ofSeconds(5);

    final AtomicLong answers = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    /** Failed beats by their last attempt's cause (message up to its first digit), for the report. */
    final java.util.concurrent.ConcurrentHashMap<String, AtomicLong> causes =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final RequestProtocol protocol;
    private final Heart heart;

    private final boolean defaults;

    /**
     * @param batching the transport's keepalive batching window; null for its default
     * @param defaults true for the heart's defaults and its ready-made beater, false for P1's own
     *     beater run inline
     */
    HeartSide(@Nullable Duration batching, boolean defaults) {
        this.defaults = defaults;
        EtcdTransport.Builder transport = EtcdTransport.builder();
        if (batching != null) {
            transport.keepAliveBatching(batching);
        }
        protocol = transport.build();
        HeartBeater beater = new HeartBeater() {
            @Override
            public void beat(BeatAnswer next) {
                Response response = next.response();
                answers.incrementAndGet();
                OutgoingRequest last = next.lastRequest();
                if (response.reject()) {
                    next.send(last, ATTEMPT, 2);
                } else {
                    next.send(last, Attempts.of(ATTEMPT, 2), response.timeout().dividedBy(3));
                }
            }

            @Override
            public void beatFailed(BeatFailure next) {
                BeatFailedException failure = next.failure();
                failures.incrementAndGet();
                Throwable last = failure.causes().get(failure.causes().size() - 1);
                String why = last.getClass().getSimpleName() + ": "
                        + String.valueOf(last.getMessage()).split("[0-9]")[0];
                causes.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
                next.send(next.lastRequest(), Attempts.of(ATTEMPT, 2), Duration.ofSeconds(1));
            }
        };
        if (defaults) {
            heart = Heart.builder()
                    .protocol(protocol)
                    .listener(new HeartListener() {
                        @Override
                        public void answered(Beating beating, Response response, Duration roundTrip, int retries) {
                            answers.incrementAndGet();
                        }

                        @Override
                        public void attemptFailed(
                                Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
                            failures.incrementAndGet();
                            String why = cause.getClass().getSimpleName() + ": "
                                    + String.valueOf(cause.getMessage()).split("[0-9]")[0];
                            causes.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
                        }
                    })
                    .build();
        } else {
            // the beater never blocks: run it on the thread that read the answer (Heart.Builder.executor)
            heart = Heart.builder(beater)
                    .protocol(protocol)
                    .executor(Runnable::run)
                    .build();
        }
    }

    void start(URI target, int n, long ttlSeconds) {
        for (int i = 0; i < n; i++) {
            RegistrantInfo who = new RegistrantInfo(
                    "h" + i, "p1heart", Map.of(EtcdTransport.TTL_ATTRIBUTE, Long.toString(ttlSeconds)));
            if (defaults) {
                heart.register(who, target);
            } else {
                heart.start(new OutgoingRequest(Request.beat(who), target), ATTEMPT, 2);
            }
        }
    }

    @Override
    public void close() {
        heart.close();
        protocol.close();
    }
}
