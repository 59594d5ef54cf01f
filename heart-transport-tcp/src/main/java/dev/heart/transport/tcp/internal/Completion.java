package dev.heart.transport.tcp.internal;

import dev.heart.api.Response;

/**
 * A handled request on its way back to the server's I/O thread, for request {@link #id()} of
 * {@link #connection()}: an answer to encode and write, a failure to send as an error frame, or
 * the notice that a handler thread already wrote the answer itself and only the accounting is left.
 */
sealed interface Completion {

    /** The connection the request came on. */
    ServerConnection connection();

    /** The request's correlation id. */
    long id();

    /** The handler answered {@code response}; the I/O thread encodes and writes it. */
    record Answered(ServerConnection connection, long id, Response response) implements Completion {}

    /**
     * The request failed with error {@code code}; the I/O thread sends an error frame, then closes
     * the connection when {@code closesConnection} (an {@link Error} was thrown while serving it).
     */
    record Failed(ServerConnection connection, long id, byte code, String message, boolean closesConnection)
            implements Completion {

        /** A failure of this request only; the connection stays open. */
        Failed(ServerConnection connection, long id, byte code, String message) {
            this(connection, id, code, message, false);
        }
    }

    /** A handler thread already wrote the answer ({@link ResponseWriter#tryAnswerDirectly}). */
    record AlreadySent(ServerConnection connection, long id) implements Completion {}
}
