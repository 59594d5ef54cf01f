package dev.heart.testkit;

import dev.heart.api.Checks;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.engine.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** The {@link FakeRegistry} implementation; all state under one lock, nothing blocks under it. */
final class SimulatedRegistry implements FakeRegistry {
    private final RegistryConfig config;
    private final TimeSource clock;
    private final RegistryInfo info;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Entry> alive = new LinkedHashMap<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final List<Expiry> expiries = new ArrayList<>();
    private final List<Duration> restarts = new ArrayList<>();

    private static final class Entry {
        RegistrantInfo registrant;
        int beats;
        long lastBeat;
        long deadline;
    }

    SimulatedRegistry(RegistryConfig config, TimeSource clock) {
        this.config = config;
        this.clock = clock;
        this.info = new RegistryInfo(config.id(), config.serviceType(), config.address(), config.candidates(),
                Map.of("capacity", Integer.toString(config.capacity())));
    }

    @Override
    public Response handle(Request request) {
        Checks.notNull(request, "request");
        lock.lock();
        try {
            long now = clock.nanoTime();
            sweep(now);
            Response response = decide(request, now);
            arrivals.add(new Arrival(Duration.ofNanos(now), request, response));
            return response;
        } finally {
            lock.unlock();
        }
    }

    private Response decide(Request request, long now) {
        RegistrantInfo registrant = request.registrant();
        if (!registrant.serviceType().equals(config.serviceType())) {
            return Response.reject(info);
        }
        if (request.disconnect()) {
            alive.remove(registrant.id());
            return Response.reject(info);
        }
        Entry entry = alive.get(registrant.id());
        if (entry == null) {
            if (alive.size() >= config.capacity()) {
                return Response.reject(info);
            }
            entry = new Entry();
            alive.put(registrant.id(), entry);
        }
        Duration deadline = config.deadlineFor(entry.beats);
        entry.registrant = registrant;
        entry.beats++;
        entry.lastBeat = now;
        entry.deadline = now + deadline.toNanos();
        return Response.accept(info, deadline);
    }

    private void sweep(long now) {
        for (Iterator<Entry> it = alive.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.deadline < now) {
                it.remove();
                expiries.add(new Expiry(Duration.ofNanos(entry.deadline), entry.registrant,
                        Duration.ofNanos(entry.lastBeat)));
            }
        }
    }

    @Override
    public RegistryConfig config() {
        return config;
    }

    @Override
    public RegistryInfo info() {
        return info;
    }

    @Override
    public List<RegistrantInfo> alive() {
        lock.lock();
        try {
            sweep(clock.nanoTime());
            return alive.values().stream().map(entry -> entry.registrant).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isAlive(String registrantId) {
        Checks.notNull(registrantId, "registrantId");
        lock.lock();
        try {
            sweep(clock.nanoTime());
            return alive.containsKey(registrantId);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Arrival> arrivals() {
        lock.lock();
        try {
            return List.copyOf(arrivals);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Expiry> expiries() {
        lock.lock();
        try {
            sweep(clock.nanoTime());
            return List.copyOf(expiries);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Duration> restarts() {
        lock.lock();
        try {
            return List.copyOf(restarts);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void restart() {
        lock.lock();
        try {
            alive.clear();
            restarts.add(Duration.ofNanos(clock.nanoTime()));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "FakeRegistry" + config;
    }
}
