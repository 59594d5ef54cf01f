package dev.heart.cli;

import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option from the command line: a whole number with a unit ({@code 500ms},
 * {@code 10s}, {@code 2m}, {@code 1h}) or ISO-8601 ({@code PT10S}). Every duration option of heart
 * is a positive span of at most {@link #MAX} (100 years, the engine's own limit: the library refuses
 * a longer timeout or delay rather than shorten it, and so does the command line; an interval at
 * most a year, see {@link Interval}). Zero, negative,
 * malformed and longer values (overflow included) are refused here, before the command runs, with
 * a message that picocli prefixes with the option's name: exit 2, one line.
 */
class DurationConverter implements ITypeConverter<Duration> {
    /** The longest duration any option takes: 100 years (36,500 days), the engine's maximum. */
    static final Duration MAX = Duration.ofDays(36_500);

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return within(value, MAX, " (100 years)");
    }

    /**
     * The {@code --interval} options: at most a year (8,760 h). A fixed-rate beat waits the interval
     * +/-20%, and the ready-made beater keeps tens of intervals as its horizon for a beating in
     * trouble, all of which must fit the engine's clock; a heartbeat a year apart is already none.
     */
    static final class Interval extends DurationConverter {
        /** The longest interval: 365 days. */
        static final Duration MAX_INTERVAL = Duration.ofDays(365);

        @Override
        public Duration convert(String value) {
            return within(value, MAX_INTERVAL, " (a year)");
        }
    }

    /** {@code value} parsed, checked positive and at most {@code max}; {@code why} explains the maximum. */
    static Duration within(String value, Duration max, String why) {
        Duration duration = parse(value, max, why);
        if (duration.isZero()) {
            throw new TypeConversionException("'" + value + "' is zero; it must be positive");
        }
        return duration;
    }

    /**
     * Parses {@code value}: zero or more, at most {@link #MAX}.
     *
     * @throws TypeConversionException when negative, malformed or longer than {@link #MAX}
     */
    static Duration parse(String value) {
        return parse(value, MAX, " (100 years)");
    }

    private static Duration parse(String value, Duration max, String why) {
        String text = value.trim();
        if (text.contains("-")) {
            throw new TypeConversionException("'" + value + "' is negative; a duration must not be negative");
        }
        Matcher simple = SIMPLE.matcher(text);
        Duration duration;
        if (simple.matches()) {
            BigInteger amount = new BigInteger(simple.group(1));
            BigInteger nanosPerUnit = BigInteger.valueOf(
                    switch (simple.group(2)) {
                        case "ms" -> 1_000_000L;
                        case "s" -> 1_000_000_000L;
                        case "m" -> 60_000_000_000L;
                        default -> 3_600_000_000_000L;
                    });
            BigInteger nanos = amount.multiply(nanosPerUnit);
            if (nanos.compareTo(BigInteger.valueOf(max.toNanos())) > 0) { // before any overflow
                throw tooLong(value, max, why);
            }
            duration = Duration.ofNanos(nanos.longValueExact());
        } else {
            try {
                duration = Duration.parse(text);
            } catch (DateTimeParseException e) {
                if (e.getCause() instanceof ArithmeticException || e.getCause() instanceof NumberFormatException) {
                    throw tooLong(value, max, why); // well formed, but its numbers overflow
                }
                throw new TypeConversionException(
                        "'" + value + "' is not a duration; use e.g. 500ms, 10s, 2m, 1h or PT10S");
            }
        }
        if (duration.isNegative()) {
            throw new TypeConversionException("'" + value + "' is negative; a duration must not be negative");
        }
        if (duration.compareTo(max) > 0) {
            throw tooLong(value, max, why);
        }
        return duration;
    }

    private static TypeConversionException tooLong(String value, Duration max, String why) {
        return new TypeConversionException("'" + value + "' is too long; at most " + max.toHours() + "h" + why);
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
