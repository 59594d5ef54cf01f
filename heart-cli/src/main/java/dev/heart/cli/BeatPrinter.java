package dev.heart.cli;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import dev.heart.engine.Beating;
import dev.heart.engine.Health;
import dev.heart.engine.HeartListener;
import java.io.PrintWriter;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/** Prints the events of {@code heart beat}: established, health changes, failed attempts, disconnected. */
final class BeatPrinter implements HeartListener {
    private final PrintWriter out;

    BeatPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void established(Beating beating, Response response) {
        out.printf(
                "established with registry %s at %s: lease %s%s%n",
                response.registry().id(),
                response.registry().address(),
                DurationConverter.format(response.timeout()),
                response.registry().candidates().isEmpty()
                        ? ""
                        : ", candidates " + response.registry().candidates());
    }

    @Override
    public void healthChanged(Beating beating, Health previous, Health current) {
        out.printf("health %s -> %s%n", previous, current);
    }

    @Override
    public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        out.printf(
                "%s attempt %d failed: %s%n",
                request.request().disconnect() ? "disconnect" : "beat",
                attempt,
                cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    }

    @Override
    public void disconnected(Beating beating, Response lastResponse, @Nullable Throwable cause) {
        String why = cause == null
                ? "the beater stopped"
                : cause instanceof CancellationException ? "stopped" : cause.getMessage();
        out.printf(
                "disconnected from registry %s: %s%n", lastResponse.registry().id(), why);
    }
}
