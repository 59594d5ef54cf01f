package dev.heart.transport.etcd.internal;

import dev.heart.api.TransportException;
import java.net.URI;

/** etcd answered with an error: its message, its gRPC code and the HTTP status. */
public final class EtcdError extends TransportException {
    private static final long serialVersionUID = 1L;
    /** The gRPC code etcd uses for "requested lease not found". */
    static final int NOT_FOUND = 5;

    private final int code;
    private final int status;

    EtcdError(URI target, String operation, int status, int code, String message) {
        super(target, "etcd " + operation + " failed: " + message + " (HTTP " + status + ", code " + code + ")");
        this.code = code;
        this.status = status;
    }

    /** etcd's gRPC status code, -1 when it sent none. */
    public int code() {
        return code;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
