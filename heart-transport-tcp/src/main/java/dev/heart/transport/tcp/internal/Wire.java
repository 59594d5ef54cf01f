package dev.heart.transport.tcp.internal;

/** Constants of the wire protocol, version 2 (see {@code docs/wire-protocol.md}). */
final class Wire {
    private Wire() {}

    /** The magic, ASCII "HB". */
    static final short MAGIC = 0x4842;
    /** The only version this implementation speaks. */
    static final byte VERSION = 2;

    static final byte KIND_REQUEST = 1;
    static final byte KIND_RESPONSE = 2;
    static final byte KIND_ERROR = 3;

    /** Bytes of the length prefix. */
    static final int LENGTH_BYTES = 4;
    /** Bytes of magic, version, kind and id: the smallest legal value of the length prefix. */
    static final int HEADER_BYTES = 12;
    /** Offsets from the start of a frame (its length prefix) of the header's fields. */
    static final int MAGIC_OFFSET = 4;

    static final int VERSION_OFFSET = 6;
    static final int KIND_OFFSET = 7;
    static final int ID_OFFSET = 8;

    /** The smallest maximum frame size a side may be configured with. */
    static final int MIN_MAX_FRAME_SIZE = 64;

    /** The default maximum of the length prefix: 1 MiB. */
    static final int DEFAULT_MAX_FRAME_SIZE = 1 << 20;

    static final int FLAG_DISCONNECT = 1;
    static final int FLAG_REJECT = 1;

    /** Reject reasons of a response (0: none, an acceptance). */
    static final byte REASON_NOT_REGISTERED = 1;

    static final byte REASON_CAPACITY = 2;
    static final byte REASON_FORBIDDEN = 3;
    static final byte REASON_DISCONNECTED = 4;
    static final byte REASON_UNSPECIFIED = 5;

    static final byte ERROR_HANDLER_FAILED = 1;
    static final byte ERROR_BAD_REQUEST = 2;
    static final byte ERROR_UNSUPPORTED_VERSION = 3;
    static final byte ERROR_PROTOCOL = 4;
    static final byte ERROR_SHUTTING_DOWN = 5;
    static final byte ERROR_DEADLINE_EXCEEDED = 6;
    static final byte ERROR_RESOURCE_EXHAUSTED = 7;
    static final byte ERROR_FORBIDDEN = 8;

    /** The name of an error code, for messages. */
    static String errorName(int code) {
        switch (code & 0xFF) {
            case ERROR_HANDLER_FAILED:
                return "HANDLER_FAILED";
            case ERROR_BAD_REQUEST:
                return "BAD_REQUEST";
            case ERROR_UNSUPPORTED_VERSION:
                return "UNSUPPORTED_VERSION";
            case ERROR_PROTOCOL:
                return "PROTOCOL_ERROR";
            case ERROR_SHUTTING_DOWN:
                return "SHUTTING_DOWN";
            case ERROR_DEADLINE_EXCEEDED:
                return "DEADLINE_EXCEEDED";
            case ERROR_RESOURCE_EXHAUSTED:
                return "RESOURCE_EXHAUSTED";
            case ERROR_FORBIDDEN:
                return "FORBIDDEN";
            default:
                return "ERROR_" + (code & 0xFF);
        }
    }

    /** The name of a frame kind, for messages; {@code kind} is read as unsigned (255, not -1). */
    static String kindName(byte kind) {
        switch (Byte.toUnsignedInt(kind)) {
            case KIND_REQUEST:
                return "request";
            case KIND_RESPONSE:
                return "response";
            case KIND_ERROR:
                return "error";
            default:
                return "unknown kind " + Byte.toUnsignedInt(kind);
        }
    }
}
