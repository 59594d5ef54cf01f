package dev.heart.bench.p1;

import dev.heart.bench.Figure;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * P1: N registrants kept alive against one local etcd for a window, heart (one {@code Heart},
 * the etcd transport) then jetcd's {@code keepAlive} against a fresh etcd with the same flags, in
 * the same run. Each side registers everyone (the harness waits, at most 3 minutes, until etcd
 * holds all N keys), warms up, then is measured over the window: answers
 * received, this JVM's CPU time and etcd's CPU time; at the end, the keys under its prefix in etcd
 * are counted ("held"). Prints
 * {@code P1 n=... heart_held=... jetcd_held=... client_cpu_ratio=... etcd_cpu_ratio=...}, the
 * ratios heart/jetcd of CPU per keepalive answer.
 *
 * <p>Options: {@code --n=N} (default 10,000 quick, 50,000 full), {@code --seconds=S} (window,
 * default 60), {@code --warmup-seconds=S} (default 20), {@code --ttl=S} (default 10), {@code --sides=heart,jetcd} (default; {@code heart} or
 * {@code jetcd} measures one side only, for profiling, and prints no ratio),
 * {@code --keepalive-batching-ms=M} (the etcd transport's {@code keepAliveBatching}; default: the
 * transport's default), {@code --heart=tuned} (default: P1's own beater run inline) or {@code
 * --heart=defaults} (what {@code Heart.builder().build()} and {@code register} give a user).
 */
public final class EtcdScale implements Figure {

    @Override
    public String id() {
        return "P1";
    }

    @Override
    public int run(boolean quick, List<String> args) throws Exception {
        int n = quick ? 10_000 : 50_000;
        long seconds = 60;
        long warmup = 20;
        long ttl = 10;
        String sides = "heart,jetcd";
        Duration batching = null;
        boolean defaults = false;
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("options are --name=value, got '" + arg + "'");
            }
            switch (kv[0]) {
                case "--n" -> n = Integer.parseInt(kv[1]);
                case "--seconds" -> seconds = Long.parseLong(kv[1]);
                case "--warmup-seconds" -> warmup = Long.parseLong(kv[1]);
                case "--ttl" -> ttl = Long.parseLong(kv[1]);
                case "--sides" -> sides = kv[1];
                case "--keepalive-batching-ms" -> batching = Duration.ofMillis(Long.parseLong(kv[1]));
                case "--heart" -> {
                    if (!List.of("tuned", "defaults").contains(kv[1])) {
                        throw new IllegalArgumentException(
                                "--heart is tuned (default) or defaults; got '" + kv[1] + "'");
                    }
                    defaults = kv[1].equals("defaults");
                }
                default ->
                    throw new IllegalArgumentException("unknown option '" + kv[0]
                            + "'; known: --n, --seconds, --warmup-seconds, --ttl, --sides,"
                            + " --keepalive-batching-ms, --heart");
            }
        }
        System.out.printf(
                Locale.ROOT,
                "P1 n=%d ttl=%ds warmup=%ds window=%ds heart=%s; etcd flags %s; JDK %s; %d cores%n",
                n,
                ttl,
                warmup,
                seconds,
                defaults ? "defaults" : "tuned",
                LocalEtcd.FLAGS,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors());

        if (!List.of("heart,jetcd", "heart", "jetcd").contains(sides)) {
            throw new IllegalArgumentException("--sides is heart,jetcd (default), heart or jetcd; got '" + sides + "'");
        }
        Side heart = null;
        if (sides.startsWith("heart")) {
            try (LocalEtcd etcd = LocalEtcd.start();
                    HeartSide side = new HeartSide(batching, defaults)) {
                side.start(URI.create("etcd://127.0.0.1:" + etcd.clientPort), n, ttl);
                awaitRegistered("heart", etcd, "/heart/p1heart/", n);
                heart = measure(
                        "heart", etcd, "/heart/p1heart/", side.answers::get, side.failures::get, warmup, seconds);
                side.causes.forEach(
                        (why, count) -> System.out.println("P1 heart: failed beats, last cause " + why + ": " + count));
            }
        }
        Side jetcd = null;
        if (sides.endsWith("jetcd")) {
            try (LocalEtcd etcd = LocalEtcd.start();
                    JetcdSide side = new JetcdSide(etcd.clientPort)) {
                side.start(n, ttl);
                awaitRegistered("jetcd", etcd, "/heart/p1jetcd/", n);
                jetcd = measure(
                        "jetcd", etcd, "/heart/p1jetcd/", side.answers::get, side.failures::get, warmup, seconds);
                if (side.ended.get() > 0) {
                    System.out.println("P1 jetcd: keepalives jetcd ended without an error (no answer within the TTL): "
                            + side.ended.get());
                }
                Throwable first = side.firstFailure.get();
                if (first != null) {
                    System.out.println("P1 jetcd: first failure (of " + side.failures.get() + "): " + first);
                }
            }
        }
        if (heart == null || jetcd == null) {
            System.out.println("P1: one side only (--sides=" + sides + "); no ratio");
            return 0;
        }
        System.out.printf(
                Locale.ROOT,
                "P1 n=%d heart_held=%d jetcd_held=%d client_cpu_ratio=%.2f etcd_cpu_ratio=%.2f%n",
                n,
                heart.held(),
                jetcd.held(),
                heart.clientPerKeepalive() / jetcd.clientPerKeepalive(),
                heart.etcdPerKeepalive() / jetcd.etcdPerKeepalive());
        return 0;
    }

    /**
     * Waits until etcd holds {@code n} keys under {@code prefix} (everyone registered), at most
     * {@link #REGISTRATION_BOUND}, and prints how long registering took (from the side's start).
     */
    private static void awaitRegistered(String name, LocalEtcd etcd, String prefix, int n) throws Exception {
        long start = System.nanoTime();
        long end = start + REGISTRATION_BOUND.toNanos();
        long held = 0;
        try (Client client = Client.builder()
                .endpoints("http://127.0.0.1:" + etcd.clientPort)
                .build()) {
            while (System.nanoTime() - end < 0) {
                try {
                    held = count(client, prefix);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    held = -1; // etcd too busy to count: look again
                }
                if (held >= n) {
                    break;
                }
                TimeUnit.SECONDS.sleep(1);
            }
        }
        System.out.printf(
                Locale.ROOT,
                "P1 %s: %d of %d registered %.1f s after the side's start returned%s%n",
                name,
                held,
                n,
                (System.nanoTime() - start) / 1e9,
                held >= n ? "" : " (bound reached: measuring anyway)");
    }

    /** How long a side may take to register everyone before its warm-up starts. */
    private static final Duration REGISTRATION_BOUND = Duration.ofMinutes(3);

    private static Side measure(
            String name,
            LocalEtcd etcd,
            String prefix,
            LongSupplier answers,
            LongSupplier failures,
            long warmup,
            long seconds)
            throws Exception {
        TimeUnit.SECONDS.sleep(warmup);
        long answers0 = answers.getAsLong();
        long cpu0 = processCpu();
        long etcd0 = etcd.cpuNanos();
        long failures0 = failures.getAsLong();
        TimeUnit.SECONDS.sleep(seconds);
        long keepalives = answers.getAsLong() - answers0;
        long cpu = processCpu() - cpu0;
        long etcdCpu = etcd.cpuNanos() - etcd0;
        long failed = failures.getAsLong() - failures0;
        Side measured = new Side(-1, keepalives, cpu, etcdCpu);
        System.out.printf(
                Locale.ROOT,
                "P1 %s: keepalives=%d (%.0f/s) failures=%d client_cpu_per_keepalive_us=%.1f"
                        + " etcd_cpu_per_keepalive_us=%.1f client_cpu=%.1fs etcd_cpu=%.1fs%n",
                name,
                keepalives,
                keepalives / (double) seconds,
                failed,
                measured.clientPerKeepalive() / 1000,
                measured.etcdPerKeepalive() / 1000,
                cpu / 1e9,
                etcdCpu / 1e9);
        long held;
        try {
            held = count(etcd.clientPort, prefix);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            System.out.println("P1 " + name + ": keys not counted (" + e + ")");
            held = -1;
        }
        System.out.printf(Locale.ROOT, "P1 %s: held=%d%n", name, held);
        return new Side(held, keepalives, cpu, etcdCpu);
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long count(int port, String prefix) throws Exception {
        try (Client client =
                Client.builder().endpoints("http://127.0.0.1:" + port).build()) {
            return count(client, prefix);
        }
    }

    private static long count(Client client, String prefix) throws Exception {
        return client.getKVClient()
                .get(
                        ByteSequence.from(prefix, StandardCharsets.UTF_8),
                        GetOption.builder().isPrefix(true).withCountOnly(true).build())
                .get(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS)
                .getCount();
    }
}
