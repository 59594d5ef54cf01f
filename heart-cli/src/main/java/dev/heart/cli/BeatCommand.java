package dev.heart.cli;

import dev.heart.api.BeatAnswer;
import dev.heart.api.BeatFailure;
import dev.heart.api.HeartBeater;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.Request;
import dev.heart.api.Response;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.cli.load.BeatSettings;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.engine.beater.FixedRateBeater;
import dev.heart.engine.beater.LeaseFollowingBeater;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code heart beat}: one registrant beating against a registry, printing its events, until Ctrl-C
 * (which stops the beating: one bounded disconnect) or the registry refuses it for good. A registry
 * that is down, not up yet, or restarted is ridden through: the ready-made beater retries with
 * backoff for ever and registers again at once when told "not registered".
 */
@Command(
        name = "beat",
        mixinStandardHelpOptions = true,
        description = "Keeps one registrant registered, printing its events (established, health changes, failed "
                + "attempts, disconnected). Follows the registry's lease by default; beats at a fixed rate "
                + "with --interval. Keeps trying while the registry is down or not up yet (backoff up to 2s) "
                + "and registers again when it comes back. Ctrl-C sends the disconnect and exits.")
final class BeatCommand implements Callable<Integer> {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_BOUND = Duration.ofSeconds(5);

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

    @Option(names = "--id", required = true, paramLabel = "ID", description = "The registrant's id.")
    String id;

    @Option(names = "--service", required = true, paramLabel = "S", description = "The registrant's service type.")
    String service;

    @Mixin
    TlsOptions tls;

    @Option(
            names = "--interval",
            paramLabel = "D",
            converter = DurationConverter.Interval.class,
            description = "Beat at this fixed rate (+/-20%%) instead of following the registry's lease.")
    @Nullable
    Duration interval;

    @Override
    public Integer call() {
        if (id.isBlank() || service.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--id and --service must not be blank");
        }
        TransportCheck.problem(registry).ifPresent(problem -> {
            throw new ParameterException(spec.commandLine(), problem);
        });
        PrintWriter out = spec.commandLine().getOut();
        OutgoingRequest request = new OutgoingRequest(Request.beat(RegistrantInfo.of(id, service)), registry);
        HeartBeater chosen = interval == null
                ? LeaseFollowingBeater.builder(request)
                        .recovery(BeatSettings.RECOVERY)
                        .margin(BeatSettings.LEASE_MARGIN)
                        .build()
                : FixedRateBeater.builder(request, interval)
                        .jitter(BeatSettings.JITTER)
                        .recovery(BeatSettings.RECOVERY)
                        .build();
        AtomicReference<Response> last = new AtomicReference<>();
        HeartBeater beater = new HeartBeater() {
            @Override
            public void beat(BeatAnswer answer) {
                last.set(answer.response());
                chosen.beat(answer);
            }

            @Override
            public void beatFailed(BeatFailure failure) {
                chosen.beatFailed(failure);
            }

            @Override
            public boolean neverBlocks() {
                return chosen.neverBlocks();
            }
        };
        RequestProtocol protocol = RegistryProtocol.of(spec, registry, tls, etcd, zooKeeper); // checks the options
        out.printf(
                "beating %s as %s/%s, %s; retrying for ever while it does not answer; Ctrl-C to stop%n",
                registry,
                service,
                id,
                interval == null ? "following the registry's lease" : "every " + DurationConverter.format(interval));
        try (ShutdownSignal signal = ShutdownSignal.install();
                Heart heart = Heart.builder(beater)
                        .protocol(protocol)
                        .listener(new BeatPrinter(out))
                        .retryBackoff(BeatSettings.BACKOFF)
                        .build()) {
            Beating beating = heart.start(request, BeatSettings.ATTEMPT_TIMEOUT, BeatSettings.RETRIES);
            boolean stopped = awaitEndOrStop(beating, signal);
            if (stopped) {
                beating.stop();
            }
            return outcome(beating, last.get(), out);
        } finally {
            if (protocol != null) {
                protocol.close(); // after the heart: the disconnect went out through it
            }
        }
    }

    /** Waits until the beating ends (false) or a stop is asked by Ctrl-C or an interrupt (true). */
    private static boolean awaitEndOrStop(Beating beating, ShutdownSignal signal) {
        try {
            while (!beating.completion().isDone()) {
                if (signal.awaitStop(POLL)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            return true;
        }
    }

    private static int stopped(@Nullable Response last, PrintWriter out) {
        out.println(last == null || last.reject() ? "stopped" : "stopped: the disconnect was sent");
        return 0;
    }

    private int outcome(Beating beating, @Nullable Response last, PrintWriter out) {
        try {
            beating.completion().get(STOP_BOUND.toMillis(), TimeUnit.MILLISECONDS);
            if (last != null && last.reject()) {
                out.printf(
                        "refused for good by registry %s (%s: wrong service type, or not ours)%n",
                        last.registry().id(), last.rejectReason());
            } else {
                out.println("the beater stopped");
            }
            return Main.FAILED;
        } catch (CancellationException e) {
            return stopped(last, out);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CancellationException) {
                return stopped(last, out);
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            spec.commandLine().getErr().println("heart beat: " + cause.getMessage());
            return Main.FAILED;
        } catch (InterruptedException | TimeoutException e) {
            spec.commandLine().getErr().println("heart beat: the beating did not end within " + STOP_BOUND);
            return Main.FAILED;
        }
    }
}
