package dev.heart.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration from the command line: a whole number with a unit ({@code 500ms}, {@code 10s},
 * {@code 2m}, {@code 1h}) or ISO-8601 ({@code PT10S}). Negative or malformed values are refused
 * with a message that shows the accepted forms.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,12})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        String text = value.trim();
        if (text.contains("-")) {
            throw new TypeConversionException("'" + value + "' is negative; a duration must not be negative");
        }
        Matcher simple = SIMPLE.matcher(text);
        Duration duration;
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            duration = switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m, 1h or PT10S");
            }
        }
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative; a duration must not be negative");
        }
        return duration;
    }

    /** A short form for output: {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1_000.0);
    }
}
