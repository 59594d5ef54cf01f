package dev.heart.transport.tcp.internal;

import dev.heart.api.Response;

/**
 * A handled request on its way back to the I/O thread: a response, or an error code and message,
 * to encode and write; or, when {@code sent}, the notice that a handler thread already wrote the
 * answer itself ({@link ServerConnection#answerDirectly}) and only the accounting is left.
 */
record Completion(ServerConnection connection, long id, Response response, byte errorCode, String error,
        boolean sent) {

    static Completion ok(ServerConnection connection, long id, Response response) {
        return new Completion(connection, id, response, (byte) 0, null, false);
    }

    static Completion failed(ServerConnection connection, long id, byte code, String error) {
        return new Completion(connection, id, null, code, error, false);
    }

    /** The answer to request {@code id} is already written. */
    static Completion sent(ServerConnection connection, long id) {
        return new Completion(connection, id, null, (byte) 0, null, true);
    }
}
