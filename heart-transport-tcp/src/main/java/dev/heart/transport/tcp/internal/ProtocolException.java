package dev.heart.transport.tcp.internal;

/**
 * Bytes that break the wire protocol. {@link #fatal()} tells whether the frame boundaries are
 * lost (the connection must close) or only one payload is malformed.
 */
final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean fatal;
    private final byte errorCode;
    private final String message;

    ProtocolException(String message, boolean fatal, byte errorCode) {
        super(message, null, false, false);
        this.fatal = fatal;
        this.errorCode = errorCode;
        this.message = message;
    }

    /** The message this exception was made with: never null (what {@link Throwable} says it may be). */
    @Override
    public String getMessage() {
        return message;
    }

    /** A malformed payload inside an intact frame. */
    static ProtocolException malformed(String message) {
        return new ProtocolException(message, false, Wire.ERROR_BAD_REQUEST);
    }

    /** A framing error: the connection must close. */
    static ProtocolException fatal(String message, byte errorCode) {
        return new ProtocolException(message, true, errorCode);
    }

    boolean fatal() {
        return fatal;
    }

    /** The error code to send to the peer. */
    byte errorCode() {
        return errorCode;
    }
}
