package dev.heart.transport.tcp.internal;

import dev.heart.api.Response;

/**
 * A handled request on its way back to the I/O thread: a response, or an error code and message.
 */
record Completion(ServerConnection connection, long id, Response response, byte errorCode, String error) {

    static Completion ok(ServerConnection connection, long id, Response response) {
        return new Completion(connection, id, response, (byte) 0, null);
    }

    static Completion failed(ServerConnection connection, long id, byte code, String error) {
        return new Completion(connection, id, null, code, error);
    }
}
