package dev.heart.bench;

import dev.heart.bench.e1.EngineCost;
import dev.heart.bench.e2.ManyHearts;
import dev.heart.bench.t1.TcpThroughput;
import dev.heart.bench.t2.TcpLatency;
import dev.heart.bench.t3.TlsCost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one entry point of the shaded jar: {@code java -jar heart-bench-benchmarks.jar [--quick] ID [options]}
 * runs one figure and prints its summary line last. The {@code bench} script calls it once per id.
 *
 * <p>Exit status: 0 measured; 2 bad usage; 1 the
 * harness broke.
 */
public final class Bench {
    private static final Map<String, Figure> FIGURES = new TreeMap<>();

    static {
        register(new EngineCost());
        register(new ManyHearts());
        register(new TcpThroughput());
        register(new TcpLatency());
        register(new dev.heart.bench.p1.EtcdScale());
        register(new TlsCost());
        register(new dev.heart.bench.p2.EurekaSideBySide());
        register(new dev.heart.bench.p3.ZooKeeperSideBySide());
        register(new dev.heart.bench.e3.TcpScale());
    }

    private Bench() {}

    private static void register(Figure figure) {
        FIGURES.put(figure.id(), figure);
    }

    /**
     * Runs one figure.
     *
     * @param args {@code [--quick] ID [figure options]}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        boolean quick = false;
        String id = null;
        List<String> rest = new ArrayList<>();
        for (String arg : args) {
            if (id == null && arg.equals("--quick")) {
                quick = true;
            } else if (id == null) {
                id = arg;
            } else {
                rest.add(arg);
            }
        }
        Figure figure = id == null ? null : FIGURES.get(id);
        if (figure == null) {
            System.err.println("usage: heart-bench [--quick] ID [options], ID one of " + FIGURES.keySet()
                    + (id == null ? "" : "; unknown id '" + id + "'"));
            return 2;
        }
        try {
            return figure.run(quick, rest);
        } catch (IllegalArgumentException e) {
            System.err.println(id + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println(id + " failed:");
            e.printStackTrace();
            return 1;
        }
    }
}
