package dev.heart.engine;

import java.util.concurrent.CancellationException;

/**
 * The outcome of a beating the application stopped: {@link Beating#stop()}, an interrupt of
 * {@link Heart#runBeating}, or {@link Heart#close()}. Not an error: {@link Beating#completion()}
 * completes exceptionally with it (a {@link CancellationException}, as for any cancelled future),
 * and {@link HeartListener#disconnected} receives it as its cause.
 *
 * <p>It has no stack trace: it says which beating was stopped, not where, and a heart closing a
 * million beatings walks no stacks.
 */
public final class BeatingStoppedException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** @param message which beating was stopped */
    BeatingStoppedException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
