package dev.heart.transport.zookeeper.internal;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A registration made by this transport: the znode of one registrant in one {@link Session}, from
 * its creation ({@link #CREATING}) through its presence ({@link #PRESENT}) to its loss
 * ({@link #GONE}: deleted, or its session given up). A registration never moves to another
 * session: a new session makes new registrations.
 */
final class Registration {
    static final int CREATING = 0;
    static final int PRESENT = 1;
    static final int GONE = 2;

    final Session session;
    /** Completes when the create is answered: null when the znode is ours, else why not. */
    final CompletableFuture<@Nullable RejectReason> created = new CompletableFuture<>();

    volatile RegistrantInfo info;
    volatile int state = CREATING;
    volatile long registeredAt;

    Registration(Session session, RegistrantInfo info) {
        this.session = session;
        this.info = info;
    }

    /** Whether this registration is present in {@code current}, the ensemble's session now. */
    boolean presentIn(Session current) {
        return session == current && state == PRESENT;
    }
}
