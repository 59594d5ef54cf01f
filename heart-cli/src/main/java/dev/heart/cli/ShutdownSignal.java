package dev.heart.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a long-running command: a shutdown hook (thread {@code heart-cli-shutdown}) asks the
 * command to stop, then gives it a bounded time to finish (send its disconnects, close its
 * server) before the JVM exits. Closing the signal tells the hook the command has finished and
 * removes the hook, so that commands run in-process (tests) leave nothing behind.
 */
final class ShutdownSignal implements AutoCloseable {
    private static final Duration FINISH_BOUND = Duration.ofSeconds(6);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::onShutdown, "heart-cli-shutdown");

    private ShutdownSignal() {}

    /** A signal with its shutdown hook installed. */
    static ShutdownSignal install() {
        ShutdownSignal signal = new ShutdownSignal();
        Runtime.getRuntime().addShutdownHook(signal.hook);
        return signal;
    }

    private void onShutdown() {
        requested.countDown();
        try {
            finished.await(FINISH_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until a stop is requested or {@code timeout} passes.
     *
     * @return true when a stop was requested
     * @throws InterruptedException when the waiting thread is interrupted (an in-process stop)
     */
    boolean awaitStop(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether a stop was requested. */
    boolean stopRequested() {
        return requested.getCount() == 0;
    }

    /** The command has finished: releases the hook, or removes it when the JVM is not exiting. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook is running and has just been released
        }
    }
}
