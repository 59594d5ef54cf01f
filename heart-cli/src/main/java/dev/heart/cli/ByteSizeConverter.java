package dev.heart.cli;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a byte count from the command line: a whole number, in bytes or with a binary unit
 * ({@code 1048576}, {@code 512KiB}, {@code 64MiB}, {@code 2GiB}), at least 1. Zero, negative,
 * fractional, malformed and overflowing values are refused with a message that picocli prefixes
 * with the option's name.
 */
final class ByteSizeConverter implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KiB|MiB|GiB|TiB)?");

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        Matcher size = SIZE.matcher(value.trim());
        if (!size.matches()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a byte count; use e.g. 1048576, 512KiB, 64MiB" + " or 2GiB");
        }
        int shift = switch (size.group(2) == null ? "B" : size.group(2)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        BigInteger bytes = new BigInteger(size.group(1)).shiftLeft(shift);
        if (bytes.signum() == 0) {
            throw new TypeConversionException("'" + value + "' is zero; it must be at least 1 byte");
        }
        if (bytes.bitLength() > 63) {
            throw new TypeConversionException("'" + value + "' is too large; at most " + Long.MAX_VALUE + " bytes");
        }
        return bytes.longValueExact();
    }

    /** A short form for output: {@code 64MiB}, {@code 1500B}. */
    static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        while (unit < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            unit++;
        }
        return bytes + units[unit];
    }
}
