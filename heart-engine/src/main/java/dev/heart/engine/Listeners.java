package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/** Calls every listener, logging and swallowing what one throws. */
final class Listeners {
    private static final Logger LOG = EngineLog.LISTENER;

    private final HeartListener[] listeners;

    Listeners(List<HeartListener> listeners) {
        this.listeners = listeners.toArray(new HeartListener[0]);
    }

    void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        for (HeartListener listener : listeners) {
            try {
                listener.attemptFailed(beating, request, attempt, cause);
            } catch (RuntimeException e) {
                thrown(listener, "attemptFailed", e);
            }
        }
    }

    void answered(Beating beating, Response response, Duration roundTrip, int retries) {
        for (HeartListener listener : listeners) {
            try {
                listener.answered(beating, response, roundTrip, retries);
            } catch (RuntimeException e) {
                thrown(listener, "answered", e);
            }
        }
    }

    void established(Beating beating, Response response) {
        for (HeartListener listener : listeners) {
            try {
                listener.established(beating, response);
            } catch (RuntimeException e) {
                thrown(listener, "established", e);
            }
        }
    }

    void renewed(Beating beating, Response response) {
        for (HeartListener listener : listeners) {
            try {
                listener.renewed(beating, response);
            } catch (RuntimeException e) {
                thrown(listener, "renewed", e);
            }
        }
    }

    void disconnected(Beating beating, Response lastResponse, @Nullable Throwable cause) {
        for (HeartListener listener : listeners) {
            try {
                listener.disconnected(beating, lastResponse, cause);
            } catch (RuntimeException e) {
                thrown(listener, "disconnected", e);
            }
        }
    }

    void healthChanged(Beating beating, Health previous, Health current) {
        for (HeartListener listener : listeners) {
            try {
                listener.healthChanged(beating, previous, current);
            } catch (RuntimeException e) {
                thrown(listener, "healthChanged", e);
            }
        }
    }

    void lateBeat(Beating beating, Duration lateness) {
        for (HeartListener listener : listeners) {
            try {
                listener.lateBeat(beating, lateness);
            } catch (RuntimeException e) {
                thrown(listener, "lateBeat", e);
            }
        }
    }

    private static void thrown(HeartListener listener, String event, RuntimeException e) {
        LOG.warn("listener {} threw from {}; the beating goes on", listener, event, e);
    }
}
