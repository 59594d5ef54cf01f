package dev.heart.transport.zookeeper.internal;

import dev.heart.api.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;

/**
 * Answers the beats of present registrations once the ensemble has answered a request sent after
 * each beat arrived: one {@code exists} of the base path per round trip, for every beat that
 * arrived meanwhile, so an ensemble that went away a moment ago fails the beats instead of them
 * being accepted from a stale state. One request per round trip, not one per registrant; while
 * beats keep arriving, a round trip starts at most every {@link #MAX_GATHER} after the previous one
 * ended (less for sessions under 2.5 s: a fiftieth of the session), so a steady stream of beats costs the ensemble
 * about twenty requests a second whatever the number of registrants, for at most that much
 * delay in each answer.
 */
final class Proofs {
    private final String root;
    private final Answers answers;
    private final Ensemble ensemble;
    private final ScheduledExecutorService timer;
    private final long gather; // nanoseconds
    private final Object lock = new Object();
    private List<Call> waiting = new ArrayList<>(); // guarded by lock
    /** The list of the last answered round trip, emptied, for the next one to fill; guarded by lock. */
    private @Nullable List<Call> spare = new ArrayList<>();

    private boolean inFlight; // guarded by lock

    Proofs(String root, Answers answers, Ensemble ensemble, ScheduledExecutorService timer, Duration session) {
        this.root = root;
        this.answers = answers;
        this.ensemble = ensemble;
        this.timer = timer;
        this.gather = Math.min(MAX_GATHER.toNanos(), session.toNanos() / 50);
    }

    /** The longest a beat waits for the next round trip to start while another is in flight. */
    static final Duration MAX_GATHER = Duration.ofMillis(50);

    /** Answers {@code call}, a beat of {@code reg} present in session {@code c}, after the next round trip. */
    void prove(Session c, Call call, Registration reg) {
        boolean send;
        call.proven = reg;
        synchronized (lock) {
            waiting.add(call);
            send = !inFlight;
            inFlight = true;
        }
        if (send) {
            send(c);
        }
    }

    /** Beats waiting for a round trip. */
    int waitingCount() {
        synchronized (lock) {
            return waiting.size();
        }
    }

    private void send(Session c) {
        List<Call> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = spare != null ? spare : new ArrayList<>(batch.size());
            spare = null;
        }
        ZooKeeper zk = c.client();
        zk.exists(
                root,
                false,
                (rc, path, ctx, stat) -> {
                    Code code = Code.get(rc);
                    for (int i = 0, size = batch.size(); i < size; i++) {
                        Call call = batch.get(i);
                        Registration reg = call.proven;
                        call.proven = null;
                        if (reg == null) { // cannot be (prove set it); never leave a beat unanswered
                            answers.reject(call, RejectReason.NOT_REGISTERED);
                        } else if (code == Code.OK || code == Code.NONODE) {
                            if (reg.presentIn(c)) {
                                answers.accept(call, c);
                            } else {
                                ensemble.forget(call.path, reg);
                                answers.reject(call, RejectReason.NOT_REGISTERED);
                            }
                        } else if (code == Code.SESSIONEXPIRED) {
                            ensemble.forget(call.path, reg);
                            answers.reject(call, RejectReason.NOT_REGISTERED);
                        } else {
                            answers.fail(call, "ZooKeeper did not answer", code);
                        }
                    }
                    batch.clear();
                    boolean again;
                    synchronized (lock) {
                        spare = batch;
                        again = !waiting.isEmpty();
                        inFlight = again;
                    }
                    if (again) {
                        sendLater(c);
                    }
                },
                null);
    }

    /** Starts the next round trip after the gathering delay, so the beats arriving meanwhile share it. */
    private void sendLater(Session c) {
        Runnable next = () -> {
            Session now = ensemble.currentSession();
            send(now != null && now.zk != null ? now : c);
        };
        try {
            timer.schedule(next, gather, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            next.run(); // the transport is closing: answer at once, as before the gathering
        }
    }
}
