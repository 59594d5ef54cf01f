package dev.heart.spring.boot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * {@code heart.registrant.health-as-status}: reads the application's health (the root status of
 * Spring Boot's health endpoint) every {@link #INTERVAL} on one thread ({@code heart-health-status})
 * and hands it to the registration, which sends a change as the registry's status; and once more
 * each time a registration begins, so that it carries the health of that moment (not of the
 * application's start, when Spring Boot's liveness and readiness are not yet up). Started just
 * before the registration and stopped just after it. Thread-safe.
 */
final class HealthAsStatus implements SmartLifecycle {
    /**
     * How often the health is read: as often as a Kubernetes probe by default (10 s) and a third of
     * Eureka's own client (30 s); a change reaches the registry with the next beat after it.
     */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(HealthAsStatus.class);

    private final HeartRegistration registration;
    private final Supplier<String> health;
    /** Reads the health while running; null while stopped. */
    private @Nullable ScheduledExecutorService timer;

    private volatile boolean failing;

    /**
     * @param registration who sends the status
     * @param health       the application's health status code, like UP; may be slow (it runs the indicators)
     */
    HealthAsStatus(HeartRegistration registration, Supplier<String> health) {
        this.registration = registration;
        this.health = health;
        registration.beforeRegistering(this::read);
    }

    @Override
    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "heart-health-status");
            thread.setDaemon(true);
            return thread;
        });
        long period = INTERVAL.toMillis();
        timer.scheduleWithFixedDelay(this::read, period, period, TimeUnit.MILLISECONDS);
    }

    /** Reads the health once and hands it on; a failure is logged (once in a row) and the status kept. */
    private void read() {
        try {
            registration.applicationHealth(health.get());
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("heart: cannot read the application's health to send it as its status: {}", e.toString());
            }
            failing = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }

    @Override
    public int getPhase() {
        return HeartRegistration.PHASE - 1;
    }
}
