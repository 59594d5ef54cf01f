package dev.heart.engine;

import dev.heart.api.BeatFailedException;
import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * What a heart says about its registrants on the {@code dev.heart.engine.Beating} logger: INFO
 * when one is registered, no longer registered, LOST and registered again; WARN when a beat
 * failed (with the cause of every attempt, counted by kind) and when a beating ended on a failure. Each kind of line is rate-limited
 * per heart ({@link LogLimiter}). Lines name the registrant, its service type and the target;
 * never a token or an attribute value. Thread-safe.
 */
final class BeatingLogs {
    private final LogLimiter registered;
    private final LogLimiter registeredAgain;
    private final LogLimiter noLonger;
    private final LogLimiter lost;
    private final LogLimiter beatFailed;
    private final LogLimiter ended;

    /** @param log where the lines go: {@link EngineLog#BEATING}, or a test's recorder */
    BeatingLogs(TimeSource time, Logger log) {
        this.registered = new LogLimiter(log, Level.INFO, "registered", time);
        this.registeredAgain = new LogLimiter(log, Level.INFO, "registered again", time);
        this.noLonger = new LogLimiter(log, Level.INFO, "no longer registered", time);
        this.lost = new LogLimiter(log, Level.INFO, "LOST", time);
        this.beatFailed = new LogLimiter(log, Level.WARN, "beats failed", time);
        this.ended = new LogLimiter(log, Level.WARN, "beatings ended by a failure", time);
    }

    /** The first accepted response of a beating, or the first after a rejection or a LOST lease. */
    void registered(BeatingRun run, OutgoingRequest request, Response response, boolean before) {
        LogLimiter limiter = before ? registeredAgain : registered;
        if (limiter.enabled()) {
            limiter.log(
                    "{} {} ({}) at {}, registry {}, lease {}",
                    before ? "registered again:" : "registered:",
                    run.registrant(),
                    service(run),
                    request.target(),
                    response.registry().id(),
                    response.timeout());
        }
    }

    /** A registered beating's request was rejected. */
    void rejected(BeatingRun run, OutgoingRequest request, Response response) {
        if (noLonger.enabled()) {
            noLonger.log(
                    "no longer registered: {} ({}) at {}, rejected by registry {} ({})",
                    run.registrant(),
                    service(run),
                    request.target(),
                    response.registry().id(),
                    response.rejectReason());
        }
    }

    /** The registry's deadline passed without an accepted beat. */
    void lost(BeatingRun run) {
        if (lost.enabled()) {
            lost.log(
                    "LOST: {} ({}) at {}: the registry's deadline passed without an accepted beat",
                    run.registrant(),
                    service(run),
                    run.initialRequest().target());
        }
    }

    /** Every attempt of a beat failed. */
    void beatFailed(BeatingRun run, BeatFailedException failure) {
        if (beatFailed.enabled()) {
            beatFailed.log(
                    "beat failed: {} ({}) at {}: {}",
                    run.registrant(),
                    service(run),
                    failure.request().target(),
                    causes(failure.causes()));
        }
    }

    /**
     * The beating ended on its own with a failure (a failed beat its beater did not continue, or a
     * beater that threw); rate-limited like the other lines, so a simulation that ends thousands of
     * beatings prints a summary, not a line each.
     */
    void ended(BeatingRun run, Throwable cause) {
        if (ended.enabled()) {
            ended.log("{} ended: {}", run, cause.getMessage());
        }
    }

    /** "3 attempts failed: 2 x AttemptTimeoutException (...), 1 x TransportException (refused)". */
    static String causes(List<Throwable> causes) {
        Map<String, Integer> byCause = new LinkedHashMap<>();
        for (Throwable cause : causes) {
            String message = cause.getMessage();
            byCause.merge(
                    cause.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")"), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder()
                .append(causes.size())
                .append(causes.size() == 1 ? " attempt failed: " : " attempts failed: ");
        int shown = 0;
        for (Map.Entry<String, Integer> entry : byCause.entrySet()) {
            if (shown++ == 5) {
                text.append(", and ").append(byCause.size() - 5).append(" other causes");
                break;
            }
            text.append(shown > 1 ? ", " : "")
                    .append(entry.getValue())
                    .append(" x ")
                    .append(entry.getKey());
        }
        return text.toString();
    }

    private static String service(BeatingRun run) {
        return run.service();
    }
}
