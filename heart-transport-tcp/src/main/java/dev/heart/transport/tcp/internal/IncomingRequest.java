package dev.heart.transport.tcp.internal;

import dev.heart.api.Request;

/**
 * A decoded request frame.
 *
 * @param id            the correlation id
 * @param deadlineNanos the client's deadline in nanoseconds, 0 for none
 * @param request       the request
 */
record IncomingRequest(long id, long deadlineNanos, Request request) {}
