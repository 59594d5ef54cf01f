package dev.heart.engine;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.Response;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records listener events as short strings, and the causes they carried. */
final class EventLog implements HeartListener {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<Throwable> attemptCauses = new CopyOnWriteArrayList<>();
    final List<Throwable> disconnectCauses = new CopyOnWriteArrayList<>();

    @Override
    public void attemptFailed(Beating beating, OutgoingRequest request, int attempt, Throwable cause) {
        events.add("attemptFailed#" + attempt);
        attemptCauses.add(cause);
    }

    @Override
    public void established(Beating beating, Response response) {
        events.add("established");
    }

    @Override
    public void renewed(Beating beating, Response response) {
        events.add("renewed");
    }

    @Override
    public void disconnected(Beating beating, Response lastResponse, Throwable cause) {
        events.add("disconnected");
        disconnectCauses.add(cause);
    }

    void beater(String what) {
        events.add(what);
    }
}
