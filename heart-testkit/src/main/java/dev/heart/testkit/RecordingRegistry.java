package dev.heart.testkit;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.engine.TimeSource;
import dev.heart.registry.LeaseRegistry;
import dev.heart.registry.RegistryEvents;
import dev.heart.testkit.internal.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link FakeRegistry} implementation: heart-registry's {@link LeaseRegistry} on the hearts'
 * clock, with a record of every arrival (around {@link #handle}), every expiry (through its
 * {@link RegistryEvents}) and every restart. The record is kept under its own lock; the model
 * keeps its own.
 */
final class RecordingRegistry implements FakeRegistry {
    private final RegistryConfig config;
    private final TimeSource clock;
    private final LeaseRegistry model;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Expiry> expiries = new ArrayList<>();
    private final List<Duration> restarts = new ArrayList<>();

    RecordingRegistry(RegistryConfig config, TimeSource clock) {
        this.config = config;
        this.clock = clock;
        RegistryInfo info = new RegistryInfo(
                config.id(),
                config.serviceType(),
                config.address(),
                config.candidates(),
                Map.of("capacity", Integer.toString(config.capacity())));
        // a test double reached by the test's hearts only: no ownership, so that forget() (a disconnect
        // without the owner's token) works and the registrants' beats are the whole story
        this.model = LeaseRegistry.builder(info)
                .ownership(false)
                .capacity(config.capacity())
                .lease(config.deadline())
                .leaseGrowth(config.deadlineStep(), config.maxDeadline())
                .ticker(clock::nanoTime)
                .events(new RegistryEvents() {
                    @Override
                    public void expired(RegistrantInfo registrant, long lastBeatNanos, long deadlineNanos, int count) {
                        record(
                                expiries,
                                new Expiry(
                                        Duration.ofNanos(deadlineNanos), registrant, Duration.ofNanos(lastBeatNanos)));
                    }
                })
                .build();
    }

    @Override
    public Response handle(Request request) {
        Checks.notNull(request, "request");
        long now = clock.nanoTime();
        Response response = model.handle(request);
        record(arrivals, new Arrival(Duration.ofNanos(now), request, response));
        return response;
    }

    private <T> void record(List<T> into, T value) {
        lock.lock();
        try {
            into.add(value);
        } finally {
            lock.unlock();
        }
    }

    private <T> List<T> snapshot(List<T> of) {
        lock.lock();
        try {
            return List.copyOf(of);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public RegistryConfig config() {
        return config;
    }

    @Override
    public RegistryInfo info() {
        return model.info();
    }

    @Override
    public List<RegistrantInfo> alive() {
        return model.alive();
    }

    @Override
    public boolean isAlive(String registrantId) {
        Checks.notNull(registrantId, "registrantId");
        return model.isAlive(config.serviceType(), registrantId);
    }

    @Override
    public List<Arrival> arrivals() {
        return snapshot(arrivals);
    }

    @Override
    public List<Expiry> expiries() {
        model.expire();
        return snapshot(expiries);
    }

    @Override
    public List<Duration> restarts() {
        return snapshot(restarts);
    }

    @Override
    public void restart() {
        model.forgetAll();
        record(restarts, Duration.ofNanos(clock.nanoTime()));
    }

    @Override
    public void forget(RegistrantInfo registrant) {
        Checks.notNull(registrant, "registrant");
        model.handle(new Request(registrant, true)); // a disconnect: forgotten, and no arrival recorded
    }

    @Override
    public String toString() {
        return "FakeRegistry" + config;
    }
}
