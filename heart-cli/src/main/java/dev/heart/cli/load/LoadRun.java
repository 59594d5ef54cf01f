package dev.heart.cli.load;

import dev.heart.api.AttemptPlan;
import dev.heart.api.Attempts;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Transports;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Many hearts beating against one registry, each a registrant of its own, with their figures
 * summed in one place.
 *
 * <p>One {@link Heart} runs every registrant's beating: its ready-made beater, built without a
 * request, resends each beating's own; they share one transport (found by the target's scheme),
 * one timer and no executor (the ready-made beaters never block), so a registrant costs a few
 * objects. Hearts start
 * spread over the first interval (or second), so that they never beat together. Each attempt that
 * fails is retried after a short exponential backoff with jitter, and a beat whose attempts all
 * failed is retried by the beater, with a backoff capped at 2 s, for ever: a registry restart or
 * outage is ridden through. Thread-safe.
 */
public final class LoadRun implements AutoCloseable {
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);

    private final LoadPlan plan;
    private final RequestProtocol protocol;
    private final TimeSource time;
    private final LoadMetrics metrics = new LoadMetrics();
    private final HeartBeater inner;
    private final HeartBeater measuring;
    private final Heart heart;
    private final long startNanos;

    private LoadRun(LoadPlan plan, RequestProtocol protocol) {
        this.plan = plan;
        this.protocol = protocol;
        this.time = TimeSource.system();
        this.startNanos = System.nanoTime();
        this.inner = plan.interval().isPresent()
                ? FixedRateBeater.builder(plan.interval().get())
                        .jitter(BeatSettings.JITTER)
                        .recovery(BeatSettings.RECOVERY)
                        .build()
                : LeaseFollowingBeater.builder()
                        .recovery(BeatSettings.RECOVERY)
                        .margin(BeatSettings.LEASE_MARGIN)
                        .build();
        this.measuring = new MeasuringBeater(inner, metrics);
        this.heart = Heart.builder(measuring)
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .retryBackoff(BeatSettings.BACKOFF)
                .build();
    }

    /**
     * Starts every heart of {@code plan}; returns at once.
     *
     * @param plan what to start
     * @return the running load; close it to stop every heart
     */
    public static LoadRun start(LoadPlan plan) {
        return start(plan, Transports.load());
    }

    /**
     * Starts every heart of {@code plan} on {@code protocol}, which the run closes; returns at once.
     *
     * @param plan     what to start
     * @param protocol how the hearts reach the registry; closed with the run
     * @return the running load; close it to stop every heart
     */
    public static LoadRun start(LoadPlan plan, RequestProtocol protocol) {
        LoadRun run = new LoadRun(plan, protocol);
        try {
            for (int i = 1; i <= plan.hearts(); i++) {
                run.startHeart(i);
            }
        } catch (RuntimeException e) {
            run.close();
            throw e;
        }
        return run;
    }

    private void startHeart(int number) {
        RegistrantInfo me = RegistrantInfo.of(plan.idPrefix() + number, plan.serviceType());
        OutgoingRequest request = new OutgoingRequest(Request.beat(me), plan.target());
        // a phase for the first beats, so that a thousand hearts do not all register in the same instant
        Duration phase = Duration.ofNanos(
                ThreadLocalRandom.current().nextLong(Duration.ofSeconds(1).toNanos()));
        Beating beating = heart.start(
                measuring,
                request,
                new AttemptPlan(
                        plan.hearts() > 1 ? phase : Duration.ZERO,
                        Attempts.of(BeatSettings.ATTEMPT_TIMEOUT, BeatSettings.RETRIES)));
        beating.completion().whenComplete((ignored, failure) -> metrics.beatingEnded());
    }

    /**
     * What this run was started with.
     *
     * @return the plan
     */
    public LoadPlan plan() {
        return plan;
    }

    /**
     * The figures now.
     *
     * @return a snapshot
     */
    public LoadSnapshot snapshot() {
        return metrics.snapshot(plan.hearts(), Duration.ofNanos(System.nanoTime() - startNanos), heart.stats());
    }

    /**
     * Stops every heart (each established one sends one bounded disconnect), waits for them to end
     * (at most about 5 s), then closes the transport and the timer. Idempotent.
     */
    @Override
    public void close() {
        try {
            heart.closeAsync().get(CLOSE_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // bounded: whatever has not ended by now is cut off by closing the transport
        } finally {
            protocol.close();
            time.close();
        }
    }
}
