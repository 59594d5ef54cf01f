package dev.heart.transport.zookeeper.internal;

import dev.heart.api.OutgoingRequest;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.ACL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ZooKeeper ensemble: one session ({@link Conn}) at a time for every registrant, the
 * registrations made in it, and the requests waiting for a connection. Beats of a registration
 * that is known present in the current, connected session are answered without I/O; the persistent
 * recursive watch on each service's path tells when a znode goes.
 */
final class Ensemble {
    private static final Logger LOG = LoggerFactory.getLogger(Ensemble.class);
    private static final int MAX_CREATE_ATTEMPTS = 5;

    private final ZkProtocol owner;
    private final Target target;
    private final ConcurrentHashMap<String, Reg> regs = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, RegistryInfo> infos = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final List<Call> parked = new ArrayList<>(); // guarded by lock
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<ACL> acl;
    private final List<ACL> parentAcl;
    private final Object proofLock = new Object();
    private List<Proof> waiting = new ArrayList<>(); // guarded by proofLock
    private boolean proofInFlight; // guarded by proofLock
    private volatile Conn conn; // the current session; null before the first beat
    private boolean closed; // guarded by lock

    Ensemble(ZkProtocol owner, Target target) {
        this.owner = owner;
        this.target = target;
        if (owner.settings.hasCredentials()) {
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

    /** A registration made by this transport. */
    private static final class Reg {
        static final int CREATING = 0;
        static final int PRESENT = 1;
        static final int GONE = 2;

        final Conn conn;
        final CompletableFuture<RejectReason> created = new CompletableFuture<>(); // null: accepted
        volatile RegistrantInfo info;
        volatile int state = CREATING;
        volatile long registeredAt;

        Reg(Conn conn, RegistrantInfo info) {
            this.conn = conn;
            this.info = info;
        }
    }

    /** One request. */
    private static final class Call {
        final OutgoingRequest request;
        final String path;
        final CompletableFuture<Response> future = new CompletableFuture<>();
        final long deadlineNanos;
        ScheduledFuture<?> timeout;

        Call(OutgoingRequest request, String path, Duration deadline) {
            this.request = request;
            this.path = path;
            this.deadlineNanos = System.nanoTime() + Math.min(deadline.toNanos(), TimeUnit.DAYS.toNanos(1));
        }
    }

    /** One ZooKeeper session (one handle). */
    private final class Conn implements Watcher {
        volatile ZooKeeper zk;
        volatile boolean connected;
        volatile long sessionId;
        volatile int timeoutMs = (int) owner.settings.sessionTimeout().toMillis();
        int disconnects; // on the timer thread
        boolean everConnected; // on the timer thread
        final Set<String> watched = ConcurrentHashMap.newKeySet();
        final Set<String> pendingDeletes = ConcurrentHashMap.newKeySet();

        @Override
        public void process(WatchedEvent event) {
            if (event.getType() == Event.EventType.None) {
                Event.KeeperState state = event.getState();
                try {
                    owner.timer.execute(() -> onState(this, state));
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    // the transport is closing
                }
                return;
            }
            if (event.getType() == Event.EventType.NodeDeleted && event.getPath() != null) {
                gone(this, event.getPath());
            }
        }
    }

    CompletableFuture<Response> send(OutgoingRequest request, String path, Duration deadline) {
        Call call = new Call(request, path, deadline);
        dispatch(call);
        return call.future;
    }

    private void dispatch(Call call) {
        if (call.future.isDone()) {
            return;
        }
        Conn c = conn;
        if (c == null || !c.connected) {
            park(call);
            return;
        }
        if (call.request.request().disconnect()) {
            disconnect(c, call);
        } else {
            beat(c, call);
        }
    }

    private void park(Call call) {
        boolean start = false;
        synchronized (lock) {
            if (closed) {
                call.future.completeExceptionally(
                        new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
                return;
            }
            Conn c = conn;
            if (c != null && c.connected) {
                // connected meanwhile: answer now (outside the lock)
            } else {
                parked.add(call);
                if (c == null) {
                    conn = new Conn();
                    start = true;
                }
                long wait = Math.max(0, call.deadlineNanos - System.nanoTime());
                try {
                    call.timeout = owner.timer.schedule(() -> expire(call), wait, TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.RejectedExecutionException closing) {
                    parked.remove(call);
                    call.future.completeExceptionally(
                            new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
                    return;
                }
                call.future.whenComplete((r, e) -> {
                    if (call.future.isCancelled()) {
                        synchronized (lock) {
                            parked.remove(call);
                        }
                        call.timeout.cancel(false);
                    }
                });
                if (start) {
                    Conn fresh = conn;
                    try {
                        owner.timer.execute(() -> open(fresh));
                    } catch (java.util.concurrent.RejectedExecutionException closing) {
                        parked.remove(call);
                        call.timeout.cancel(false);
                        call.future.completeExceptionally(
                                new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
                    }
                }
                return;
            }
        }
        dispatch(call);
    }

    private void expire(Call call) {
        synchronized (lock) {
            if (!parked.remove(call)) {
                return;
            }
        }
        if (call.request.request().disconnect()) {
            // the session may well be alive and keep the znode: delete it when it reconnects
            // (a deregistration lost with the connection, CURATOR-617, is what this avoids)
            Conn c = conn;
            Reg reg = regs.get(call.path);
            if (c != null && reg != null && reg.conn == c) {
                forget(call.path, reg);
                c.pendingDeletes.add(call.path);
            }
        }
        call.future.completeExceptionally(new TransportException(
                call.request.target(),
                "not connected to ZooKeeper (" + target.connectString() + ") within the attempt's deadline"));
    }

    /** Opens the session of {@code c}; on the timer thread, so ZooKeeper's threads are named heart-zk-... */
    private void open(Conn c) {
        if (conn != c || owner.closed) {
            return;
        }
        try {
            ZooKeeper zk = new ZooKeeper(target.connectString(), c.timeoutMs, c, clientConfig());
            if (owner.settings.hasCredentials()) {
                char[] password = owner.settings.credentials().secret();
                byte[] secret = (owner.settings.credentials().user() + ":" + new String(password))
                        .getBytes(StandardCharsets.UTF_8);
                Arrays.fill(password, '\0');
                zk.addAuthInfo("digest", secret); // kept by ZooKeeper's client and sent again on every reconnection
            }
            c.zk = zk;
        } catch (Exception | LinkageError e) {
            LOG.warn("cannot open a ZooKeeper session to {}: {}", target.connectString(), e.toString());
            List<Call> failed;
            synchronized (lock) {
                if (conn == c) {
                    conn = null;
                }
                failed = new ArrayList<>(parked);
                parked.clear();
            }
            for (Call call : failed) {
                call.timeout.cancel(false);
                call.future.completeExceptionally(new TransportException(
                        call.request.target(), "cannot open a ZooKeeper session: " + e.getMessage(), e));
            }
        }
    }

    private ZKClientConfig clientConfig() {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        // bounds a synchronous close() of a session whose ensemble cannot be reached
        config.setProperty(
                ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT,
                Long.toString(owner.settings.sessionTimeout().toMillis()));
        if (target.secure()) {
            config.setProperty(
                    ZKClientConfig.ZOOKEEPER_CLIENT_CNXN_SOCKET, "org.apache.zookeeper.ClientCnxnSocketNetty");
            config.setProperty(ZKClientConfig.SECURE_CLIENT, "true");
            owner.tls.configure(config);
        }
        return config;
    }

    /** A state change of {@code c}'s session; on the timer thread. */
    private void onState(Conn c, Watcher.Event.KeeperState state) {
        if (conn != c || owner.closed) {
            return;
        }
        switch (state) {
            case SyncConnected -> connected(c);
            case Disconnected -> {
                if (c.connected) {
                    c.connected = false;
                    int epoch = ++c.disconnects;
                    LOG.info(
                            "lost the connection to ZooKeeper ({}); its client is reconnecting",
                            target.connectString());
                    owner.timer.schedule(
                            () -> {
                                if (conn == c && !c.connected && c.disconnects == epoch) {
                                    replace(
                                            c,
                                            "disconnected for longer than the session timeout (" + c.timeoutMs
                                                    + " ms)");
                                }
                            },
                            c.timeoutMs,
                            TimeUnit.MILLISECONDS);
                }
            }
            case Expired -> replace(c, "the ensemble expired the session");
            case AuthFailed -> LOG.warn("ZooKeeper ({}) refused the session's authentication", target.connectString());
            default -> {}
        }
    }

    private void connected(Conn c) {
        ZooKeeper zk = c.zk;
        if (zk == null) {
            return;
        }
        boolean reconnect = c.everConnected;
        c.everConnected = true;
        c.sessionId = zk.getSessionId();
        c.timeoutMs = zk.getSessionTimeout();
        c.connected = true;
        if (reconnect) {
            LOG.info("connected to ZooKeeper ({}) again, same session", target.connectString());
            verify(c);
        } else {
            LOG.debug(
                    "ZooKeeper session 0x{} to {}, timeout {} ms",
                    Long.toHexString(c.sessionId),
                    target.connectString(),
                    c.timeoutMs);
        }
        for (String path : c.pendingDeletes) {
            c.pendingDeletes.remove(path);
            if (!regs.containsKey(path)) {
                zk.delete(path, -1, (rc, p, ctx) -> {}, null);
            }
        }
        List<Call> ready;
        synchronized (lock) {
            ready = new ArrayList<>(parked);
            parked.clear();
        }
        for (Call call : ready) {
            call.timeout.cancel(false);
            dispatch(call);
        }
    }

    /**
     * After a reconnection in the same session: a persistent watch does not replay what happened
     * while disconnected, so each watched service's children are read once, and registrations
     * missing from them are gone.
     */
    private void verify(Conn c) {
        for (String service : c.watched) {
            Set<String> present = new HashSet<>();
            String prefix = service + "/";
            for (Map.Entry<String, Reg> entry : regs.entrySet()) {
                Reg reg = entry.getValue();
                if (entry.getKey().startsWith(prefix) && reg.conn == c && reg.state == Reg.PRESENT) {
                    present.add(entry.getKey());
                }
            }
            if (present.isEmpty()) {
                continue;
            }
            c.zk.getChildren(
                    service,
                    false,
                    (rc, path, ctx, children) -> {
                        if (rc != Code.OK.intValue() && rc != Code.NONODE.intValue()) {
                            return;
                        }
                        Set<String> alive = new HashSet<>();
                        if (children != null) {
                            for (String child : children) {
                                alive.add(prefix + child);
                            }
                        }
                        for (String p : present) {
                            if (!alive.contains(p)) {
                                gone(c, p);
                            }
                        }
                    },
                    null);
        }
    }

    /** Gives up {@code c} and starts a new session: every registration of {@code c} is answered NOT_REGISTERED. */
    private void replace(Conn c, String why) {
        Conn fresh;
        synchronized (lock) {
            if (conn != c || closed) {
                return;
            }
            c.connected = false;
            fresh = new Conn();
            conn = fresh;
        }
        LOG.info("new ZooKeeper session to {}: {}; registrants register again", target.connectString(), why);
        open(fresh);
        ZooKeeper old = c.zk;
        if (old != null) {
            Thread closer = new Thread(() -> closeQuietly(old), "heart-zk-close");
            closer.setDaemon(true);
            closer.start();
        }
    }

    private static void closeQuietly(ZooKeeper zk) {
        try {
            zk.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("closing an old ZooKeeper session failed", e);
        }
    }

    private void gone(Conn c, String path) {
        Reg reg = regs.get(path);
        if (reg != null && reg.conn == c && reg.state == Reg.PRESENT) {
            reg.state = Reg.GONE;
            LOG.debug("znode {} is gone", path);
        }
    }

    // ---- beats

    private RegistryInfo info(Call call) {
        String serviceType = call.request.request().registrant().serviceType();
        URI uri = call.request.target();
        RegistryInfo known = infos.get(serviceType);
        if (known != null && known.address().equals(uri)) {
            return known;
        }
        RegistryInfo info = RegistryInfo.of(target.connectString(), serviceType, uri);
        if (infos.size() < 10_000) {
            infos.put(serviceType, info);
        }
        return info;
    }

    private void accept(Call call, Conn c) {
        call.future.complete(Response.accept(info(call), Duration.ofMillis(c.timeoutMs)));
    }

    private void reject(Call call, RejectReason reason) {
        call.future.complete(Response.reject(info(call), reason));
    }

    private void fail(Call call, String what, Code code) {
        call.future.completeExceptionally(new TransportException(
                call.request.target(),
                what + ": " + KeeperException.create(code).getMessage(),
                KeeperException.create(code)));
    }

    private void beat(Conn c, Call call) {
        RegistrantInfo who = call.request.request().registrant();
        Reg reg = regs.get(call.path);
        if (reg == null) {
            if (owner.registrations.get() >= owner.settings.maxRegistrations()) {
                call.future.completeExceptionally(new TransportException(
                        call.request.target(),
                        "too many registrations (maxRegistrations " + owner.settings.maxRegistrations() + ")"));
                return;
            }
            Reg fresh = new Reg(c, who);
            reg = regs.putIfAbsent(call.path, fresh);
            if (reg == null) {
                owner.registrations.incrementAndGet();
                fresh.created.whenComplete((reason, e) -> {
                    if (e != null || reason != null) {
                        forget(call.path, fresh);
                    }
                });
                answerWhenCreated(c, call, fresh);
                create(c, call.path, fresh, 1);
                return;
            }
        }
        if (reg.conn != c || reg.state == Reg.GONE) {
            forget(call.path, reg);
            reject(call, RejectReason.NOT_REGISTERED);
        } else if (reg.state == Reg.CREATING) {
            answerWhenCreated(c, call, reg);
        } else if (!reg.info.equals(who)) {
            update(c, call, reg, who);
        } else {
            prove(c, call, reg);
        }
    }

    /**
     * Answers a beat of a present registration once the ensemble has answered a request sent after
     * the beat arrived: one {@code exists} of the base path per round trip, for every beat that
     * arrived meanwhile, so an ensemble that went away a moment ago fails the beats instead of
     * them being accepted from a stale state. One request per round trip, not one per registrant.
     */
    private void prove(Conn c, Call call, Reg reg) {
        boolean send;
        synchronized (proofLock) {
            waiting.add(new Proof(call, reg));
            send = !proofInFlight;
            proofInFlight = true;
        }
        if (send) {
            sendProof(c);
        }
    }

    private record Proof(Call call, Reg reg) {}

    private void sendProof(Conn c) {
        List<Proof> batch;
        synchronized (proofLock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        c.zk.exists(
                owner.settings.root(),
                false,
                (rc, path, ctx, stat) -> {
                    Code code = Code.get(rc);
                    for (Proof proof : batch) {
                        Reg reg = proof.reg();
                        if (code == Code.OK || code == Code.NONODE) {
                            if (reg.conn == c && reg.state == Reg.PRESENT) {
                                accept(proof.call(), c);
                            } else {
                                forget(proof.call().path, reg);
                                reject(proof.call(), RejectReason.NOT_REGISTERED);
                            }
                        } else if (code == Code.SESSIONEXPIRED) {
                            forget(proof.call().path, reg);
                            reject(proof.call(), RejectReason.NOT_REGISTERED);
                        } else {
                            fail(proof.call(), "ZooKeeper did not answer", code);
                        }
                    }
                    boolean again;
                    synchronized (proofLock) {
                        again = !waiting.isEmpty();
                        proofInFlight = again;
                    }
                    if (again) {
                        Conn now = conn;
                        sendProof(now != null && now.zk != null ? now : c);
                    }
                },
                null);
    }

    private void forget(String path, Reg reg) {
        if (regs.remove(path, reg)) {
            owner.registrations.decrementAndGet();
        }
    }

    private void answerWhenCreated(Conn c, Call call, Reg reg) {
        reg.created.whenComplete((reason, e) -> {
            if (e != null) {
                call.future.completeExceptionally(e);
            } else if (reason != null) {
                reject(call, reason);
            } else {
                accept(call, c);
            }
        });
    }

    private void create(Conn c, String path, Reg reg, int attempt) {
        ZooKeeper zk = c.zk;
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
                            reg.state = Reg.PRESENT;
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

    private void failCreation(Reg reg, String path, Code code) {
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
    private void takeOver(Conn c, String path, Reg reg, byte[] data, int attempt) {
        ZooKeeper zk = c.zk;
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
                            reg.state = Reg.PRESENT;
                            reg.created.complete(null);
                        } else {
                            zk.setData(
                                    path,
                                    data,
                                    -1,
                                    (rc2, p2, ctx2, stat2) -> {
                                        Code c2 = Code.get(rc2);
                                        if (c2 == Code.OK) {
                                            reg.state = Reg.PRESENT;
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
    private void createParents(Conn c, String service, Runnable then, java.util.function.Consumer<Code> failed) {
        List<String> prefixes = new ArrayList<>();
        for (int i = service.indexOf('/', 1); i > 0; i = service.indexOf('/', i + 1)) {
            prefixes.add(service.substring(0, i));
        }
        prefixes.add(service);
        createPrefix(c, prefixes, 0, then, failed);
    }

    private void createPrefix(
            Conn c, List<String> prefixes, int index, Runnable then, java.util.function.Consumer<Code> failed) {
        if (index == prefixes.size()) {
            then.run();
            return;
        }
        inFlight.incrementAndGet();
        c.zk.create(
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
    private void update(Conn c, Call call, Reg reg, RegistrantInfo who) {
        byte[] data = Layout.document(who, reg.registeredAt);
        inFlight.incrementAndGet();
        c.zk.setData(
                call.path,
                data,
                -1,
                (rc, p, ctx, stat) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    switch (code) {
                        case OK -> {
                            reg.info = who;
                            accept(call, c);
                        }
                        case NONODE -> {
                            reg.state = Reg.GONE;
                            forget(call.path, reg);
                            reject(call, RejectReason.NOT_REGISTERED);
                        }
                        case NOAUTH -> reject(call, RejectReason.FORBIDDEN);
                        default -> fail(call, "updating " + call.path + " failed", code);
                    }
                },
                null);
    }

    private void disconnect(Conn c, Call call) {
        Reg reg = regs.get(call.path);
        if (reg == null || reg.conn != c || reg.state == Reg.GONE) {
            if (reg != null) {
                forget(call.path, reg);
            }
            reject(call, RejectReason.DISCONNECTED); // nothing of ours to delete
            return;
        }
        if (reg.state == Reg.CREATING) {
            reg.created.whenComplete((r, e) -> dispatch(call));
            return;
        }
        forget(call.path, reg);
        inFlight.incrementAndGet();
        c.zk.delete(
                call.path,
                -1,
                (rc, p, ctx) -> {
                    inFlight.decrementAndGet();
                    Code code = Code.get(rc);
                    switch (code) {
                        case OK, NONODE -> reject(call, RejectReason.DISCONNECTED);
                        case NOAUTH -> reject(call, RejectReason.FORBIDDEN);
                        case CONNECTIONLOSS -> {
                            c.pendingDeletes.add(
                                    call.path); // deleted when the session reconnects (else it expires with it)
                            fail(
                                    call,
                                    "deleting " + call.path + " failed (deleted on reconnection, or with the session)",
                                    code);
                        }
                        default -> fail(call, "deleting " + call.path + " failed", code);
                    }
                },
                null);
    }

    Object[] session() {
        Conn c = conn;
        ZooKeeper zk = c == null ? null : c.zk;
        return zk == null || !c.connected ? null : new Object[] {zk.getSessionId(), zk.getSessionPasswd()};
    }

    int pendingCount() {
        int proofs;
        synchronized (proofLock) {
            proofs = waiting.size();
        }
        synchronized (lock) {
            return parked.size() + inFlight.get() + proofs;
        }
    }

    void close() {
        List<Call> failed;
        Conn c;
        synchronized (lock) {
            closed = true;
            failed = new ArrayList<>(parked);
            parked.clear();
            c = conn;
            conn = null;
        }
        for (Call call : failed) {
            if (call.timeout != null) {
                call.timeout.cancel(false);
            }
            call.future.completeExceptionally(
                    new TransportException(call.request.target(), "the ZooKeeper transport is closed"));
        }
        if (c != null && c.zk != null) {
            closeQuietly(c.zk); // the ensemble deletes the session's znodes at once
        }
    }
}
