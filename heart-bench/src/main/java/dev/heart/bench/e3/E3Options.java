package dev.heart.bench.e3;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * E3's options: {@code --n=}, {@code --warmup=}, {@code --window=} (seconds), {@code --connections=},
 * {@code --ahead=} (registrations started ahead of those established; default 2,000), {@code --server-jvm=OPTION} and {@code --heart-jvm=OPTION} (repeatable: replace the JVM's default
 * options), {@code --jfr=FILE} and {@code --server-jfr=FILE} (a flight recording, profile settings,
 * of the heart's or the server's JVM, written when it exits).
 *
 * @param n           registrants to keep
 * @param warmup      after all are registered, before the window
 * @param window      the measured window
 * @param connections connections from the heart to the server ({@code connectionsPerTarget})
 * @param ahead       registrations the heart starts ahead of those established, at most
 * @param serverJvm   the server JVM's options
 * @param heartJvm    the heart JVM's options
 */
record E3Options(
        int n,
        Duration warmup,
        Duration window,
        int connections,
        int ahead,
        List<String> serverJvm,
        List<String> heartJvm) {

    /**
     * The heart JVM's options unless replaced: G1, a heap that holds a million registrants (about 1.1
     * KiB each live), and a young generation larger than the 10 s of allocation at 100,000 beats a
     * second, so that what a beat allocates for the next one mostly dies young instead of being
     * copied by every young collection (600,000 registrants held on this 2-core machine with it,
     * not without).
     */
    static final List<String> HEART_JVM = List.of("-Xmx3g", "-Xmn1200m", "-XX:+UseG1GC");
    /** The server JVM's options unless replaced, likewise (about 0.4 KiB a registrant live). */
    static final List<String> SERVER_JVM = List.of("-Xmx2g", "-Xmn800m", "-XX:+UseG1GC");

    /** Reads {@code args} over the quick or full defaults. */
    static E3Options parse(boolean quick, List<String> args) {
        int n = quick ? 50_000 : 1_000_000;
        long warmup = 10;
        long window = quick ? 30 : 300;
        int connections = 1;
        int ahead = 2_000;
        List<String> serverJvm = new ArrayList<>();
        List<String> heartJvm = new ArrayList<>();
        List<String> serverExtra = new ArrayList<>();
        List<String> heartExtra = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? "" : arg.substring(equals + 1);
            if (value.isEmpty()) {
                name = "?";
            }
            switch (name) {
                case "--n" -> n = Integer.parseInt(value);
                case "--warmup" -> warmup = Long.parseLong(value);
                case "--window" -> window = Long.parseLong(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--ahead" -> ahead = Integer.parseInt(value);
                case "--server-jvm" -> serverJvm.add(value);
                case "--heart-jvm" -> heartJvm.add(value);
                case "--jfr" -> heartExtra.add(recording(value));
                case "--server-jfr" -> serverExtra.add(recording(value));
                default ->
                    throw new IllegalArgumentException("unknown option '" + arg
                            + "'; options: --n=N --warmup=SECONDS --window=SECONDS --connections=N"
                            + " --server-jvm=OPTION --heart-jvm=OPTION --jfr=FILE --server-jfr=FILE");
            }
        }
        if (n < 1 || warmup < 0 || window < 1 || connections < 1 || ahead < 1) {
            throw new IllegalArgumentException(
                    "--n, --window, --connections and --ahead must be at least 1, --warmup at least 0");
        }
        return new E3Options(
                n,
                Duration.ofSeconds(warmup),
                Duration.ofSeconds(window),
                connections,
                ahead,
                jvm(serverJvm, SERVER_JVM, serverExtra),
                jvm(heartJvm, HEART_JVM, heartExtra));
    }

    private static List<String> jvm(List<String> given, List<String> defaults, List<String> extra) {
        List<String> all = new ArrayList<>(given.isEmpty() ? defaults : given);
        all.addAll(extra);
        return List.copyOf(all);
    }

    private static String recording(String file) {
        return "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + Path.of(file).toAbsolutePath();
    }
}
