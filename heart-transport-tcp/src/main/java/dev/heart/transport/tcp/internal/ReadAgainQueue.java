package dev.heart.transport.tcp.internal;

import java.util.ArrayList;
import java.util.List;

/** Server connections whose turn ended with input still buffered: served again after the next select. I/O thread only. */
final class ReadAgainQueue {
    private List<ServerConnection> again = new ArrayList<>();
    private List<ServerConnection> serving = new ArrayList<>();

    /** {@code connection} still holds input after its turn; it gets another after the others'. */
    void add(ServerConnection connection) {
        again.add(connection);
    }

    boolean isEmpty() {
        return again.isEmpty();
    }

    /** Gives each connection queued so far its next turn; those that still hold input queue again. */
    void serve() {
        List<ServerConnection> turn = again;
        again = serving;
        serving = turn;
        for (int i = 0; i < turn.size(); i++) {
            ServerConnection connection = turn.get(i);
            ConnectionSlots.guarded(connection, connection::readBuffered);
        }
        turn.clear();
    }
}
