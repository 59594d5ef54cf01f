package dev.heart.transport.zookeeper.internal;

import dev.heart.api.RegistrantInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.TransportException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

/**
 * The writes of one ensemble's znodes: a registrant's ephemeral znode created (with the service's
 * persistent recursive watch, the missing parents, and a znode left by another session taken
 * over), its data written again, and it deleted. The ACLs follow the credentials: open to
 * everyone without them; with them, "our identity may do everything, everyone may read" on our
 * znodes, and parents everyone may read and create in, whose children only our identity may
 * delete. Counts the requests in flight.
 */
final class Znodes {
    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final Target target;
    private final Answers answers;
    private final Ensemble ensemble;
    private final List<ACL> acl;
    private final List<ACL> parentAcl;
    final AtomicInteger inFlight = new AtomicInteger();

    Znodes(ZkSettings settings, Target target, Answers answers, Ensemble ensemble) {
        this.target = target;
        this.answers = answers;
        this.ensemble = ensemble;
        if (settings.hasCredentials()) {
            List<ACL> ours = new ArrayList<>(ZooDefs.Ids.CREATOR_ALL_ACL);
            ours.addAll(ZooDefs.Ids.READ_ACL_UNSAFE);
            this.acl = List.copyOf(ours);
            // ZooKeeper checks DELETE on the parent: everyone may read and create (other instances
            // register beside ours), only our identity may delete children
            this.parentAcl = List.of(
                    new ACL(ZooDefs.Perms.ALL, ZooDefs.Ids.AUTH_IDS),
                    new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.CREATE, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        } else {
            this.acl = ZooDefs.Ids.OPEN_ACL_UNSAFE;
            this.parentAcl = ZooDefs.Ids.OPEN_ACL_UNSAFE;
        }
    }

    /**
     * Creates the znode of {@code reg} (attempt {@code attempt} of {@value #MAX_CREATE_ATTEMPTS});
     * completes {@link Registration#created}.
     */
    void create(Session c, String path, Registration reg, int attempt) {
        ZooKeeper zk = c.client();
        String service = path.substring(0, path.lastIndexOf('/'));
        if (c.watched.add(service)) {
            zk.addWatch(
                    service,
                    c,
                    AddWatchMode.PERSISTENT_RECURSIVE,
                    (rc, p, ctx) -> {
                        if (rc != Code.OK.intValue()) {
                            c.watched.remove(service);
                        }
                    },
                    null);
        }
        reg.registeredAt = Layout.registrationTime();
        byte[] data = Layout.document(reg.info, reg.registeredAt);
        inFlight.incrementAndGet();
        zk.create(
                path,
                data,
                acl,
                CreateMode.EPHEMERAL,
                (rc, p, ctx, name, stat) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    switch (code) {
                        case OK -> {
                            reg.state = Registration.PRESENT;
                            reg.created.complete(null);
                        }
                        case NONODE -> {
                            if (attempt >= MAX_CREATE_ATTEMPTS) {
                                failCreation(reg, path, code);
                            } else {
                                createParents(
                                        c,
                                        service,
                                        () -> create(c, path, reg, attempt + 1),
                                        failed -> failCreation(reg, path, failed));
                            }
                        }
                        case NODEEXISTS -> {
                            if (attempt >= MAX_CREATE_ATTEMPTS) {
                                failCreation(reg, path, code);
                            } else {
                                takeOver(c, path, reg, data, attempt);
                            }
                        }
                        case NOAUTH -> reg.created.complete(RejectReason.FORBIDDEN);
                        default -> failCreation(reg, path, code);
                    }
                },
                null);
    }

    private void failCreation(Registration reg, String path, Code code) {
        reg.created.completeExceptionally(new TransportException(
                target.uri(),
                "creating " + path + " failed: " + KeeperException.create(code).getMessage(),
                KeeperException.create(code)));
    }

    /**
     * The znode exists: ours (a retried create) is kept; another session's (our previous session
     * not yet expired, or another instance with the same id) is deleted and created again, as
     * Curator does; one we may not delete is FORBIDDEN.
     */
    private void takeOver(Session c, String path, Registration reg, byte[] data, int attempt) {
        ZooKeeper zk = c.client();
        inFlight.incrementAndGet();
        zk.getData(
                path,
                false,
                (rc, p, ctx, existing, stat) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    if (code == Code.NONODE) {
                        create(c, path, reg, attempt + 1);
                    } else if (code != Code.OK) {
                        failCreation(reg, path, code);
                    } else if (stat.getEphemeralOwner() == c.sessionId) {
                        if (Arrays.equals(existing, data)) {
                            reg.state = Registration.PRESENT;
                            reg.created.complete(null);
                        } else {
                            zk.setData(
                                    path,
                                    data,
                                    -1,
                                    (rc2, p2, ctx2, stat2) -> {
                                        Code c2 = Code.get(rc2);
                                        if (c2 == Code.OK) {
                                            reg.state = Registration.PRESENT;
                                            reg.created.complete(null);
                                        } else if (c2 == Code.NOAUTH) {
                                            reg.created.complete(RejectReason.FORBIDDEN);
                                        } else {
                                            failCreation(reg, path, c2);
                                        }
                                    },
                                    null);
                        }
                    } else {
                        inFlight.incrementAndGet();
                        zk.delete(
                                path,
                                stat.getVersion(),
                                (rc2, p2, ctx2) -> {
                                    inFlight.decrementAndGet();
                                    Code c2 = Code.get(rc2);
                                    if (c2 == Code.OK || c2 == Code.NONODE || c2 == Code.BADVERSION) {
                                        create(c, path, reg, attempt + 1);
                                    } else if (c2 == Code.NOAUTH) {
                                        reg.created.complete(RejectReason.FORBIDDEN);
                                    } else {
                                        failCreation(reg, path, c2);
                                    }
                                },
                                null);
                    }
                },
                null);
    }

    /**
     * Creates the service path's missing ancestors as container znodes, as Curator does: open to
     * everyone without credentials; with credentials, everyone may read and create in them and
     * only our identity may delete their children.
     */
    private void createParents(Session c, String service, Runnable then, Consumer<Code> failed) {
        List<String> prefixes = new ArrayList<>();
        for (int i = service.indexOf('/', 1); i > 0; i = service.indexOf('/', i + 1)) {
            prefixes.add(service.substring(0, i));
        }
        prefixes.add(service);
        createPrefix(c, prefixes, 0, then, failed);
    }

    private void createPrefix(Session c, List<String> prefixes, int index, Runnable then, Consumer<Code> failed) {
        if (index == prefixes.size()) {
            then.run();
            return;
        }
        inFlight.incrementAndGet();
        ZooKeeper zk = c.client();
        zk.create(
                prefixes.get(index),
                new byte[0],
                parentAcl,
                CreateMode.CONTAINER,
                (rc, p, ctx, name, stat) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    if (code == Code.OK || code == Code.NODEEXISTS) {
                        createPrefix(c, prefixes, index + 1, then, failed);
                    } else {
                        failed.accept(code);
                    }
                },
                null);
    }

    /** The registrant's attributes changed: its data is written again, keeping its registration time. */
    void update(Session c, Call call, Registration reg, RegistrantInfo who) {
        byte[] data = Layout.document(who, reg.registeredAt);
        inFlight.incrementAndGet();
        ZooKeeper zk = c.client();
        zk.setData(
                call.path,
                data,
                -1,
                (rc, p, ctx, stat) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    switch (code) {
                        case OK -> {
                            reg.info = who;
                            answers.accept(call, c);
                        }
                        case NONODE -> {
                            reg.state = Registration.GONE;
                            ensemble.forget(call.path, reg);
                            answers.reject(call, RejectReason.NOT_REGISTERED);
                        }
                        case NOAUTH -> answers.reject(call, RejectReason.FORBIDDEN);
                        default -> answers.fail(call, "updating " + call.path + " failed", code);
                    }
                },
                null);
    }

    /**
     * Deletes the znode of a disconnect; answered {@code DISCONNECTED}. A delete lost with the
     * connection is sent again when the session reconnects (else the znode goes with the session).
     */
    void delete(Session c, Call call) {
        inFlight.incrementAndGet();
        ZooKeeper zk = c.client();
        zk.delete(
                call.path,
                -1,
                (rc, p, ctx) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    switch (code) {
                        case OK, NONODE -> answers.reject(call, RejectReason.DISCONNECTED);
                        case NOAUTH -> answers.reject(call, RejectReason.FORBIDDEN);
                        case CONNECTIONLOSS -> {
                            c.pendingDeletes.add(
                                    call.path); // deleted when the session reconnects (else it expires with it)
                            answers.fail(
                                    call,
                                    "deleting " + call.path + " failed (deleted on reconnection, or with the session)",
                                    code);
                        }
                        default -> answers.fail(call, "deleting " + call.path + " failed", code);
                    }
                },
                null);
    }
}
