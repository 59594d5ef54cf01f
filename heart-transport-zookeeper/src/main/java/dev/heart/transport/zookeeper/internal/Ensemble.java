package dev.heart.transport.zookeeper.internal;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.zookeeper.ZooKeeper;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZooKeeper ensemble (one connect string and chroot): the registrations made in it and the
 * routing of each request. A request waits for a connected session ({@link Sessions}); a first
 * beat creates the znode ({@link Znodes}); a beat of a registration known present in the current,
 * connected session is answered after one shared round trip ({@link Proofs}); a beat with other
 * attributes writes the data again; a disconnect deletes the znode. The persistent recursive watch
 * on each service's path tells when a znode goes ({@link #gone}).
 */
final class Ensemble {
    private static final Logger LOG = LoggerFactory.getLogger(Ensemble.class);

    private final ZkProtocol owner;
    private final ConcurrentHashMap<String, Registration> regs = new ConcurrentHashMap<>();
    private final Answers answers;
    private final Sessions sessions;
    private final Znodes znodes;
    private final Proofs proofs;

    Ensemble(ZkProtocol owner, Target target) {
        this.owner = owner;
        this.answers = new Answers(target);
        this.sessions = new Sessions(owner, target, this);
        this.znodes = new Znodes(owner.settings, target, answers, this);
        this.proofs = new Proofs(owner.settings.root(), answers, this, owner.timer, owner.settings.sessionTimeout());
    }

    CompletableFuture<Response> send(OutgoingRequest request, String path, Duration deadline) {
        Call call = new Call(request, path, deadline);
        dispatch(call);
        return call.future;
    }

    /** Answers {@code call} in the current session, or holds it until one is connected. */
    void dispatch(Call call) {
        if (call.future.isDone()) {
            return;
        }
        Session c = sessions.current();
        if (c == null || !c.connected) {
            sessions.park(call);
            return;
        }
        if (call.disconnect()) {
            disconnect(c, call);
        } else {
            beat(c, call);
        }
    }

    @Nullable
    Session currentSession() {
        return sessions.current();
    }

    /**
     * Whether a registration at {@code path} was made or last written with {@code who}: then
     * {@code who} was checked when it was first sent.
     */
    boolean holds(String path, RegistrantInfo who) {
        Registration reg = regs.get(path);
        if (reg == null) {
            return false;
        }
        RegistrantInfo info = reg.info;
        return info == who || info.equals(who);
    }

    @Nullable
    Registration registration(String path) {
        return regs.get(path);
    }

    Map<String, Registration> registrations() {
        return regs;
    }

    void forget(String path, Registration reg) {
        if (regs.remove(path, reg)) {
            owner.registrations.decrementAndGet();
        }
    }

    /** The znode at {@code path} was deleted (seen by a watch of session {@code c}, or missing after a reconnection). */
    void gone(Session c, String path) {
        Registration reg = regs.get(path);
        if (reg != null && reg.presentIn(c)) {
            reg.state = Registration.GONE;
            LOG.debug("znode {} is gone", path);
        }
    }

    private void beat(Session c, Call call) {
        RegistrantInfo who = call.request.request().registrant();
        Registration reg = regs.get(call.path);
        if (reg == null) {
            if (owner.registrations.get() >= owner.settings.maxRegistrations()) {
                call.future.completeExceptionally(new TransportException(
                        call.request.target(),
                        "too many registrations (maxRegistrations " + owner.settings.maxRegistrations() + ")"));
                return;
            }
            Registration fresh = new Registration(c, who);
            reg = regs.putIfAbsent(call.path, fresh);
            if (reg == null) {
                owner.registrations.incrementAndGet();
                fresh.created.whenComplete((reason, e) -> {
                    if (e != null || reason != null) {
                        forget(call.path, fresh);
                    }
                });
                answerWhenCreated(c, call, fresh);
                znodes.create(c, call.path, fresh, 1);
                return;
            }
        }
        if (reg.session != c || reg.state == Registration.GONE) {
            forget(call.path, reg);
            answers.reject(call, RejectReason.NOT_REGISTERED);
        } else if (reg.state == Registration.CREATING) {
            answerWhenCreated(c, call, reg);
        } else if (reg.info != who && !reg.info.equals(who)) {
            znodes.update(c, call, reg, who);
        } else {
            proofs.prove(c, call, reg);
        }
    }

    private void answerWhenCreated(Session c, Call call, Registration reg) {
        reg.created.whenComplete((reason, e) -> {
            if (e != null) {
                call.future.completeExceptionally(e);
            } else if (reason != null) {
                answers.reject(call, reason);
            } else {
                answers.accept(call, c);
            }
        });
    }

    private void disconnect(Session c, Call call) {
        Registration reg = regs.get(call.path);
        if (reg == null || reg.session != c || reg.state == Registration.GONE) {
            if (reg != null) {
                forget(call.path, reg);
            }
            answers.reject(call, RejectReason.DISCONNECTED); // nothing of ours to delete
            return;
        }
        if (reg.state == Registration.CREATING) {
            reg.created.whenComplete((r, e) -> dispatch(call));
            return;
        }
        forget(call.path, reg);
        znodes.delete(c, call);
    }

    Object @Nullable [] session() {
        Session c = sessions.current();
        ZooKeeper zk = c == null ? null : c.zk;
        return c == null || zk == null || !c.connected ? null : new Object[] {zk.getSessionId(), zk.getSessionPasswd()};
    }

    int pendingCount() {
        return sessions.parkedCount() + znodes.inFlight.get() + proofs.waitingCount();
    }

    void close() {
        sessions.close(); // the ensemble deletes the session's znodes at once
    }
}
