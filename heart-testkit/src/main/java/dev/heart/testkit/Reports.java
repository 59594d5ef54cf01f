package dev.heart.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The one message a failed property prints: what, the shrunk case, the seed, what broke with its timeline. */
final class Reports {
    private Reports() {}

    static String failure(String property, Shrinker.Failure failure, @Nullable Long seed) {
        Scenario scenario = failure.scenario();
        StringBuilder text =
                new StringBuilder("beater check failed: ").append(property).append('\n');
        if (seed != null) {
            text.append(String.format(Locale.ROOT, "  seed:     %d (replay with .seed(%dL))%n", seed, seed));
        }
        text.append("  plan:     ").append(scenario.faults()).append('\n');
        text.append("            (shrunk: its faults as few and as early as they go)\n");
        text.append("  registry: ").append(scenario.registry()).append('\n');
        text.append("  run:      ")
                .append(scenario.registrants())
                .append(" registrant(s) for ")
                .append(Timeline.format(scenario.duration()))
                .append('\n');
        text.append("what broke: ").append(failure.problem());
        return clip(text.toString());
    }

    /** Every beating's timeline (the last 25 events each, at most 3 beatings). */
    static String timelines(SimulationResult run) {
        StringBuilder text = new StringBuilder();
        run.beatings().stream()
                .limit(3)
                .forEach(beating -> text.append("timeline of ")
                        .append(beating.registrant().id())
                        .append(":\n")
                        .append(beating.timeline().tail(25)));
        return text.toString();
    }

    /** Every line at most {@link Timeline#MAX_LINE} characters. */
    static String clip(String text) {
        StringBuilder clipped = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            clipped.append(line.length() <= Timeline.MAX_LINE ? line : line.substring(0, Timeline.MAX_LINE - 3) + "...")
                    .append('\n');
        }
        return clipped.toString().stripTrailing();
    }
}
