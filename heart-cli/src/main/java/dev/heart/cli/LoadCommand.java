package dev.heart.cli;

import dev.heart.api.spi.RequestProtocol;
import dev.heart.cli.load.LoadPlan;
import dev.heart.cli.load.LoadRun;
import dev.heart.cli.load.LoadSnapshot;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code heart load}: many hearts against one registry for a while, with a progress line every
 * second and a final report.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = "Load-tests a registry: starts many hearts (registrants PREFIX1..PREFIXN), prints a "
                + "progress line every second and a final report (beats/s, round-trip percentiles, failures "
                + "by cause). Any transport on the path serves its scheme (tcp://, etcd://, etcds://, eureka://, eurekas://, zk://, zks:// here). Ctrl-C ends "
                + "it early.")
final class LoadCommand implements Callable<Integer> {
    private static final Duration TICK = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--registry",
            required = true,
            paramLabel = "URI",
            converter = RegistryUriConverter.class,
            description =
                    "The registry's address, e.g. tcp://127.0.0.1:7070, etcd://127.0.0.1:2379, etcds://host:2379, "
                            + "zk://host:2181[,host:2181...][/chroot], zks://host:2281.")
    URI registry;

    @picocli.CommandLine.Mixin
    EtcdOptions etcd = new EtcdOptions();

    @Mixin
    ZooKeeperOptions zooKeeper = new ZooKeeperOptions();

    @Option(
            names = "--hearts",
            paramLabel = "N",
            defaultValue = "100",
            description = "Hearts to start (default: ${DEFAULT-VALUE}).")
    int hearts;

    @Option(
            names = "--duration",
            paramLabel = "D",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long to run (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(
            names = "--interval",
            paramLabel = "D",
            converter = DurationConverter.Interval.class,
            description = "Beat at this fixed rate (+/-20%%) instead of following the registry's lease.")
    @Nullable
    Duration interval;

    @Option(
            names = "--service",
            paramLabel = "S",
            defaultValue = "load",
            description = "The service type of every registrant (default: ${DEFAULT-VALUE}).")
    String service;

    @Option(
            names = "--id-prefix",
            paramLabel = "PREFIX",
            defaultValue = "load-",
            description = "Registrant ids are PREFIX1..PREFIXN (default: ${DEFAULT-VALUE}).")
    String idPrefix;

    @Mixin
    TlsOptions tls;

    @Override
    public Integer call() {
        if (hearts < 1) {
            throw new ParameterException(spec.commandLine(), "--hearts must be at least 1, was " + hearts);
        }
        if (service.isBlank() || idPrefix.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--service and --id-prefix must not be blank");
        }
        TransportCheck.problem(registry).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
        RequestProtocol protocol = RegistryProtocol.of(spec, registry, tls, etcd, zooKeeper);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                "load: %d hearts against %s for %s, %s%n",
                hearts,
                registry,
                DurationConverter.format(duration),
                interval == null
                        ? "following the registry's lease"
                        : "every " + DurationConverter.format(interval) + " +/-20%");
        LoadSnapshot last;
        try (ShutdownSignal signal = ShutdownSignal.install()) {
            try (LoadRun run = LoadRun.start(
                    new LoadPlan(registry, hearts, service, idPrefix, Optional.ofNullable(interval)), protocol)) {
                last = drive(run, signal, out);
            }
            out.println("report:");
            Progress.report(last).forEach(out::println);
        }
        if (last.beats() == 0) {
            spec.commandLine().getErr().println("heart load: no beat was answered by " + registry);
            return Main.FAILED;
        }
        return 0;
    }

    private LoadSnapshot drive(LoadRun run, ShutdownSignal signal, PrintWriter out) {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nextTick = start + TICK.toNanos();
        LoadSnapshot previous = run.snapshot();
        try {
            while (true) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    break;
                }
                if (now - nextTick >= 0) {
                    LoadSnapshot snapshot = run.snapshot();
                    out.println(Progress.line(previous, snapshot, ""));
                    previous = snapshot;
                    nextTick += TICK.toNanos();
                    continue;
                }
                if (signal.awaitStop(Duration.ofNanos(Math.min(end, nextTick) - now))) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return run.snapshot();
    }
}
