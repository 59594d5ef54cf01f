package dev.heart.cli;

import dev.heart.api.RegistryInfo;
import dev.heart.cli.load.LoadPlan;
import dev.heart.cli.load.LoadRun;
import dev.heart.cli.load.LoadSnapshot;
import dev.heart.cli.registry.TcpLeaseRegistry;
import dev.heart.registry.LeaseRegistry;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code heart demo}: a TCP registry on loopback and many hearts beating against it; halfway
 * through, the registry restarts on the same port and the hearts ride through it.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Starts a TCP registry on loopback and many hearts beating with jittered intervals; halfway "
                + "through, restarts the registry on the same port to show the hearts riding through it. "
                + "Prints a progress line every second and a summary; exits 0 when no heart was lost.")
final class DemoCommand implements Callable<Integer> {
    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final String SERVICE = "demo";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--hearts",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Hearts to start (default: ${DEFAULT-VALUE}).")
    int hearts;

    @Option(
            names = "--duration",
            paramLabel = "D",
            defaultValue = "15s",
            converter = DurationConverter.class,
            description = "How long the demo runs, e.g. 15s, 3s (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--interval",
            paramLabel = "D",
            defaultValue = "1s",
            converter = DurationConverter.Interval.class,
            description = "The mean beat interval, spread by +/-20%% (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Override
    public Integer call() {
        if (hearts < 1) {
            throw new ParameterException(spec.commandLine(), "--hearts must be at least 1, was " + hearts);
        }
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (ShutdownSignal signal = ShutdownSignal.install();
                TcpLeaseRegistry registry = TcpLeaseRegistry.start(
                        loopback,
                        uri -> LeaseRegistry.builder(RegistryInfo.of("demo-registry", SERVICE, uri))
                                .capacity(hearts)
                                .lease(LEASE)
                                .build())) {
            out.printf(
                    "demo: a TCP registry on %s (lease %s); %d hearts beating every %s +/-20%% for %s;"
                            + " the registry restarts at %s%n",
                    registry.uri(),
                    DurationConverter.format(LEASE),
                    hearts,
                    DurationConverter.format(interval),
                    DurationConverter.format(duration),
                    DurationConverter.format(duration.dividedBy(2)));
            LoadSnapshot last;
            boolean restarted;
            try (LoadRun run =
                    LoadRun.start(new LoadPlan(registry.uri(), hearts, SERVICE, "heart-", Optional.of(interval)))) {
                restarted = drive(run, registry, signal, out);
                last = run.snapshot();
            }
            out.println("summary: " + (restarted ? "the registry restarted once" : "stopped before the restart"));
            Progress.report(last).forEach(out::println);
            out.printf(
                    "  registry     %d registrants after the hearts disconnected%n",
                    registry.registry().size());
            int lost = last.hearts() - last.established();
            if (lost == 0 && last.ended() == 0) { // a failed beat is retried by the beater: not a lost heart
                out.printf(
                        "demo ok: all %d hearts %s%n",
                        hearts, restarted ? "rode through the registry restart" : "stayed established");
                return 0;
            }
            out.printf("demo failed: %d of %d hearts were not established at the end%n", lost, hearts);
            return Main.FAILED;
        }
    }

    /** Prints progress once a second and restarts the registry halfway; true when it restarted. */
    private boolean drive(LoadRun run, TcpLeaseRegistry registry, ShutdownSignal signal, PrintWriter out) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long restartAt = start + duration.toNanos() / 2;
        long nextTick = start + TICK.toNanos();
        boolean restarted = false;
        LoadSnapshot previous = run.snapshot();
        try {
            while (true) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    return restarted;
                }
                if (!restarted && now - restartAt >= 0) {
                    out.printf(
                            "%5s  restarting the registry on %s: it forgets every registrant%n",
                            DurationConverter.format(run.snapshot().elapsed()), registry.uri());
                    registry.restart();
                    restarted = true;
                    continue;
                }
                if (now - nextTick >= 0) {
                    LoadSnapshot snapshot = run.snapshot();
                    out.println(Progress.line(
                            previous,
                            snapshot,
                            "registered " + registry.registry().size()));
                    previous = snapshot;
                    nextTick += TICK.toNanos();
                    continue;
                }
                long wakeAt = Math.min(end - now, nextTick - now);
                if (!restarted) {
                    wakeAt = Math.min(wakeAt, restartAt - now);
                }
                if (signal.awaitStop(Duration.ofNanos(wakeAt))) {
                    return restarted;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return restarted;
        }
    }
}
