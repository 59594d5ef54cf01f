package dev.heart.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark methods of one JMH class programmatically and hands back each method's
 * scores, so a figure can print its summary line without parsing JMH's text output. The JSON
 * result is also written to a temporary file, whose path is printed, for the record.
 */
public final class JmhRun {

    /**
     * The scores of one benchmark method, in its output unit.
     *
     * @param median the median of all measurement iterations of all forks
     * @param mean   the mean
     * @param error  JMH's 99.9% confidence half-width of the mean; NaN with too few iterations
     * @param unit   JMH's unit, for instance {@code ns/op}
     * @param n      measurement iterations, all forks together
     */
    public record Score(double median, double mean, double error, String unit, long n) {}

    private JmhRun() {}

    /**
     * Runs every benchmark method of {@code benchmark}.
     *
     * @param id        the figure's id, for file names and messages
     * @param benchmark the JMH class
     * @param quick     one fork, 3 x 1 s warm-up, 5 x 1 s measurement; else the class's annotations
     * @param jmhArgs   further JMH command-line options, for instance {@code -prof gc}; in quick
     *                  mode the forks and iterations above win over them
     * @return scores by method name
     */
    public static Map<String, Score> run(String id, Class<?> benchmark, boolean quick, List<String> jmhArgs)
            throws Exception {
        return run(id, benchmark, List.of(), quick, jmhArgs);
    }

    /**
     * Runs the benchmark methods {@code methods} of {@code benchmark} (all when empty); see
     * {@link #run(String, Class, boolean, List)}.
     */
    public static Map<String, Score> run(
            String id, Class<?> benchmark, List<String> methods, boolean quick, List<String> jmhArgs) throws Exception {
        Path json = Files.createTempFile("heart-bench-" + id + "-", ".json");
        String prefix = "^" + benchmark.getName().replace(".", "\\.") + "\\.";
        ChainedOptionsBuilder options = new OptionsBuilder()
                .parent(new CommandLineOptions(jmhArgs.toArray(new String[0])))
                .include(methods.isEmpty() ? prefix : prefix + "(" + String.join("|", methods) + ")$")
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        if (quick) {
            options.forks(1)
                    .warmupIterations(3)
                    .warmupTime(TimeValue.seconds(1))
                    .measurementIterations(5)
                    .measurementTime(TimeValue.seconds(1));
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Score> scores = new TreeMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            Result<?> primary = result.getPrimaryResult();
            scores.put(
                    name.substring(name.lastIndexOf('.') + 1),
                    new Score(
                            primary.getStatistics().getPercentile(50),
                            primary.getScore(),
                            primary.getScoreError(),
                            primary.getScoreUnit(),
                            primary.getStatistics().getN()));
        }
        System.out.println(id + " JMH JSON result: " + json);
        scores.forEach((method, score) -> System.out.printf(
                Locale.ROOT,
                "%s %-8s median %.1f %s, mean %.1f +- %.1f (99.9%%), %d iterations%n",
                id,
                method,
                score.median,
                score.unit,
                score.mean,
                score.error,
                score.n));
        return scores;
    }

    /** The score of {@code method}; fails naming what ran instead. */
    public static Score require(Map<String, Score> scores, String method) {
        Score score = scores.get(method);
        if (score == null) {
            throw new IllegalStateException("no result for benchmark method '" + method + "'; got " + scores.keySet());
        }
        return score;
    }
}
