package dev.heart.bench.e2;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.bench.Figure;
import dev.heart.bench.mem.InstantProtocol;
import dev.heart.engine.Heart;
import dev.heart.engine.TimeSource;
import dev.heart.registry.LeaseRegistry;
import dev.heart.registry.RegistryEvents;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * E2: many hearts in one JVM. Starts {@code --hearts} beatings on one {@link Heart} (real engine,
 * {@link TimeSource#system()}), each beating every {@code --interval-ms} against an in-memory
 * registry, with phases spread over the first interval; runs for {@code --seconds}, printing a
 * progress line every few seconds; then measures the retained heap per heart (used heap after a
 * full GC with every heart running, minus the same before the first start, divided by hearts),
 * stops everything, and prints
 * {@code E2 hearts=<n> alive=<n> heap_per_heart_bytes=<n> p99_late_ms=<r>}.
 *
 * <p>The registry is sized for the run, in count and in bytes ({@link RegistrySizing}), and the
 * sizing is checked before the first heart starts. Every heart must be alive when the window
 * closes; when fewer are (or a beating ends before, which closes the window at once), the run
 * fails: exit 1 and, as its last line, {@code E2 FAILED: ...} with how many were alive and what
 * the registry rejected, and no heap or lateness figure.
 *
 * <p>Lateness is how long after its due time (previous beat + interval) a beat reaches the
 * registry, over the whole run. The heap is measured after the lateness window closes, so the
 * measuring full GCs do not count as lateness. Meant to run with {@code -Xmx2g}.
 */
public final class ManyHearts implements Figure {
    static final String SERVICE = "bench";
    private static final URI TARGET = URI.create("mem://e2-registry");
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(1);
    private static final int RETRY_N = 1;

    /** The run's settings. */
    record Config(int hearts, Duration interval, Duration duration, Duration progressEvery, long seed) {
        static Config parse(boolean quick, List<String> args) {
            int hearts = quick ? 100_000 : 1_000_000;
            long intervalMs = 10_000;
            long seconds = quick ? 15 : 60;
            long progressSeconds = quick ? 3 : 5;
            long seed = 42;
            for (String arg : args) {
                String[] kv = arg.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("options are --name=value, got '" + arg + "'");
                }
                switch (kv[0]) {
                    case "--hearts" -> hearts = Integer.parseInt(kv[1]);
                    case "--interval-ms" -> intervalMs = Long.parseLong(kv[1]);
                    case "--seconds" -> seconds = Long.parseLong(kv[1]);
                    case "--progress-seconds" -> progressSeconds = Long.parseLong(kv[1]);
                    case "--seed" -> seed = Long.parseLong(kv[1]);
                    default ->
                        throw new IllegalArgumentException("unknown option '" + kv[0]
                                + "'; known: --hearts, --interval-ms, --seconds, --progress-seconds, --seed");
                }
            }
            if (hearts < 1 || intervalMs < 1 || seconds < 1 || progressSeconds < 1) {
                throw new IllegalArgumentException("hearts, interval, seconds and progress must be positive");
            }
            return new Config(
                    hearts,
                    Duration.ofMillis(intervalMs),
                    Duration.ofSeconds(seconds),
                    Duration.ofSeconds(progressSeconds),
                    seed);
        }
    }

    @Override
    public String id() {
        return "E2";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        Config config = Config.parse(quick, args);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "E2 %d hearts, one beat every %d ms each, for %d s; JDK %s; %d cores; " + "max heap %d MiB; GC %s%n",
                config.hearts,
                config.interval.toMillis(),
                config.duration.toSeconds(),
                Runtime.version(),
                runtime.availableProcessors(),
                runtime.maxMemory() >> 20,
                Heap.collectors());

        Lateness lateness = new Lateness();
        long intervalNanos = config.interval.toNanos();
        RegistrySizing sizing = RegistrySizing.forRun(config.hearts, SERVICE, TARGET);
        // ownership off, as before it became the default: E2 measures the hearts, not the registry's tokens
        LeaseRegistry registry = LeaseRegistry.builder(RegistryInfo.of("e2-registry", SERVICE, TARGET))
                .ownership(false)
                .lease(config.interval.multipliedBy(3).dividedBy(2))
                .capacity(sizing.capacity())
                .maxBytes(sizing.maxBytes())
                .events(new RegistryEvents() {
                    @Override
                    public void renewed(RegistrantInfo registrant, Duration sinceLastBeat) {
                        lateness.record(sinceLastBeat.toNanos() - intervalNanos);
                    }

                    @Override
                    public void registered(RegistrantInfo registrant, int count) {
                        lateness.unscheduled();
                    }
                })
                .build();
        try {
            sizing.check(registry, SERVICE, TARGET); // before any heart starts
        } catch (IllegalStateException e) {
            System.out.println("E2 FAILED: " + e.getMessage());
            return 1;
        }
        System.out.println("E2 registry sized for the run: " + sizing);
        TimeSource time = TimeSource.system();
        System.out.println("E2 time source: " + time);
        Heart heart = Heart.builder(new PeriodicBeater(config.interval, ATTEMPT_TIMEOUT, RETRY_N))
                .protocol(new InstantProtocol(registry))
                .timeSource(time)
                .executor(Runnable::run)
                .build();
        Starter starter =
                new Starter(heart, TARGET, config.hearts, config.interval, ATTEMPT_TIMEOUT, RETRY_N, config.seed);
        try {
            long before = Heap.usedAfterFullGc();
            Window window = watch(config, heart, registry, lateness, starter);
            starter.stop();
            String failure = failure(config.hearts, window.alive, heart.runningBeatings(), registry.rejectedCount());
            if (failure != null) { // a heap per heart over the survivors, or a part's lateness, is no E2 figure
                System.out.println(failure);
                return 1;
            }
            long after = Heap.usedAfterFullGc();
            int started = starter.started();
            long perHeart = started == 0 ? 0 : (after - before) / started;
            System.out.printf(
                    Locale.ROOT,
                    "E2 heap after full GC: before %d MiB, with %d hearts running %d MiB "
                            + "-> %d bytes per heart (target <= 1024)%n",
                    before >> 20,
                    started,
                    after >> 20,
                    perHeart);
            long stopStart = System.nanoTime();
            heart.close();
            System.out.printf(
                    Locale.ROOT,
                    "E2 stopped %d beatings (each sends one disconnect) in %d ms; " + "registry now holds %d%n",
                    started,
                    (System.nanoTime() - stopStart) / 1_000_000,
                    alive(registry));
            boolean allAlive = window.alive == config.hearts;
            System.out.printf(
                    Locale.ROOT,
                    "E2 target all alive: %s; heap<=1024 B/heart: %s; p99 late<=50 ms: %s%n",
                    allAlive ? "met" : "MISSED",
                    perHeart <= 1024 ? "met" : "MISSED",
                    window.p99Millis <= 50 ? "met" : "MISSED");
            System.out.printf(
                    Locale.ROOT,
                    "E2 hearts=%d alive=%d heap_per_heart_bytes=%d p99_late_ms=%.2f%n",
                    config.hearts,
                    window.alive,
                    perHeart,
                    window.p99Millis);
            return 0;
        } finally {
            starter.stop();
            heart.close();
            time.close();
        }
    }

    /**
     * The last line of a run that did not keep every heart alive, or null when it did.
     *
     * @param hearts   the hearts of the run
     * @param alive    how many were alive when the window closed
     * @param running  how many beatings were running then
     * @param rejected how many requests the registry rejected
     */
    static @Nullable String failure(int hearts, int alive, int running, long rejected) {
        if (alive >= hearts) {
            return null;
        }
        return String.format(
                Locale.ROOT,
                "E2 FAILED: %d of %d hearts alive when the window closed (%d beatings "
                        + "running, %d requests rejected by the registry); no heap or lateness figure for a partial run",
                alive,
                hearts,
                running,
                rejected);
    }

    /** What the run saw when its window closed. */
    private record Window(int alive, double p99Millis) {}

    /** Drops the registrants whose lease passed and counts the others. */
    private static int alive(LeaseRegistry registry) {
        registry.expire();
        return registry.size();
    }

    private static Window watch(Config config, Heart heart, LeaseRegistry registry, Lateness lateness, Starter starter)
            throws InterruptedException {
        long t0 = System.nanoTime();
        starter.startThread();
        long end = t0 + config.duration.toNanos();
        long every = config.progressEvery.toNanos();
        long[] previous = lateness.snapshot();
        long steadyFrom = t0 + 2 * config.interval.toNanos();
        long[] steadyBase = null;
        long previousBeats = 0;
        long previousGc = Heap.gcMillis();
        long previousAt = t0;
        long next = t0 + every;
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(next, end);
            if (wake > now) {
                Thread.sleep(Math.max(1, (wake - now) / 1_000_000));
                continue;
            }
            if (starter.failure() != null) {
                throw new IllegalStateException("starting hearts failed", starter.failure());
            }
            long[] counts = lateness.snapshot();
            if (steadyBase == null && now >= steadyFrom) {
                steadyBase = counts;
                System.out.printf(
                        Locale.ROOT,
                        "E2 t=%5.1fs steady state from here (two intervals after the first start)%n",
                        (now - t0) / 1e9);
            }
            long[] interval = Lateness.since(counts, previous);
            long beats = lateness.beats();
            int started = starter.started();
            long gc = Heap.gcMillis();
            int running = heart.runningBeatings();
            int alive = Math.min(running, alive(registry));
            if (running < started) { // a beating ended: the run can no longer keep every heart alive
                System.out.printf(
                        Locale.ROOT,
                        "E2 t=%5.1fs %d of %d started beatings ended (the registry rejected "
                                + "%d requests); closing the window%n",
                        (now - t0) / 1e9,
                        started - running,
                        started,
                        registry.rejectedCount());
                return new Window(alive, Lateness.percentileMillis(counts, 99));
            }
            double seconds = (now - previousAt) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "E2 t=%5.1fs started=%d running=%d alive=%d beats/s=%.0f "
                            + "late_ms p50=%.2f p99=%.2f (all so far: p99=%.2f max=%.1f) heap_used=%d MiB gc=+%d ms"
                            + " starter_lag_max=%.1f ms%n",
                    (now - t0) / 1e9,
                    started,
                    running,
                    alive,
                    (beats - previousBeats) / seconds,
                    Lateness.percentileMillis(interval, 50),
                    Lateness.percentileMillis(interval, 99),
                    Lateness.percentileMillis(counts, 99),
                    lateness.maxNanos() / 1e6,
                    Heap.used() >> 20,
                    gc - previousGc,
                    starter.maxLagNanos() / 1e6);
            previous = counts;
            previousBeats = beats;
            previousGc = gc;
            previousAt = now;
            next += every;
            if (now >= end) {
                double p99 = Lateness.percentileMillis(counts, 99);
                System.out.printf(
                        Locale.ROOT,
                        "E2 window closed: %d beats, %d with a due time; lateness p50=%.2f "
                                + "p99=%.2f p99.9=%.2f max=%.1f ms%n",
                        beats,
                        Lateness.total(counts),
                        Lateness.percentileMillis(counts, 50),
                        p99,
                        Lateness.percentileMillis(counts, 99.9),
                        lateness.maxNanos() / 1e6);
                if (steadyBase != null && steadyBase != counts) {
                    long[] steady = Lateness.since(counts, steadyBase);
                    System.out.printf(
                            Locale.ROOT,
                            "E2 steady state only (context, not the headline): %d beats, lateness "
                                    + "p50=%.2f p99=%.2f p99.9=%.2f ms%n",
                            Lateness.total(steady),
                            Lateness.percentileMillis(steady, 50),
                            Lateness.percentileMillis(steady, 99),
                            Lateness.percentileMillis(steady, 99.9));
                }
                return new Window(alive, p99);
            }
        }
    }
}
