package dev.heart.transport.tcp.internal;

/**
 * The checks and defaults both builders ({@code TcpTransport.Builder}, {@code TcpRegistryServer.Builder})
 * share, so that the client and the server agree on the wire's limits. Not exported.
 */
public final class Limits {
    /** The default maximum of a frame's length prefix, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = Wire.DEFAULT_MAX_FRAME_SIZE;

    private Limits() {}

    /**
     * Checks a maximum frame size.
     *
     * @param bytes the value of the length prefix allowed at most
     * @return {@code bytes}
     * @throws IllegalArgumentException when below {@value Wire#MIN_MAX_FRAME_SIZE}
     */
    public static int maxFrameSize(int bytes) {
        if (bytes < Wire.MIN_MAX_FRAME_SIZE) {
            throw new IllegalArgumentException(
                    "maxFrameSize must be at least " + Wire.MIN_MAX_FRAME_SIZE + " bytes, was " + bytes);
        }
        return bytes;
    }

    /**
     * Checks a count that must be positive.
     *
     * @param value the count
     * @param name  the setting's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException when below 1
     */
    public static int atLeastOne(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }

    /**
     * Checks a byte count that must be positive.
     *
     * @param value the bytes
     * @param name  the setting's name, for the message
     * @return {@code value}
     * @throws IllegalArgumentException when below 1
     */
    public static long atLeastOneByte(long value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1 byte, was " + value);
        }
        return value;
    }
}
