package dev.heart.transport.zookeeper.internal;

import dev.heart.api.RegistryInfo;
import dev.heart.api.RejectReason;
import dev.heart.api.Response;
import dev.heart.api.TransportException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.KeeperException.Code;

/**
 * Completes the {@link Call}s of one ensemble: accepted with the session's timeout as the lease,
 * rejected with a reason, or failed with ZooKeeper's error. The registry of an answer names the
 * ensemble (its connect string) and the service type; those are cached per service type.
 */
final class Answers {
    private static final int MAX_CACHED_INFOS = 10_000;

    private final Target target;
    private final ConcurrentHashMap<String, RegistryInfo> infos = new ConcurrentHashMap<>();
    private volatile Duration lease = Duration.ZERO;

    Answers(Target target) {
        this.target = target;
    }

    void accept(Call call, Session session) {
        call.future.complete(Response.accept(info(call), lease(session.timeoutMs)));
    }

    /** The lease of an accepted beat, the session's timeout; the last one is kept (Duration is immutable). */
    private Duration lease(int timeoutMs) {
        Duration last = lease;
        if (last.toMillis() != timeoutMs) {
            last = Duration.ofMillis(timeoutMs);
            lease = last;
        }
        return last;
    }

    void reject(Call call, RejectReason reason) {
        call.future.complete(Response.reject(info(call), reason));
    }

    void fail(Call call, String what, Code code) {
        call.future.completeExceptionally(new TransportException(
                call.request.target(),
                what + ": " + KeeperException.create(code).getMessage(),
                KeeperException.create(code)));
    }

    private RegistryInfo info(Call call) {
        String serviceType = call.request.request().registrant().serviceType();
        URI uri = call.request.target();
        RegistryInfo known = infos.get(serviceType);
        if (known != null && (known.address() == uri || known.address().equals(uri))) {
            return known;
        }
        RegistryInfo info = RegistryInfo.of(target.connectString(), serviceType, uri);
        if (infos.size() < MAX_CACHED_INFOS) {
            infos.put(serviceType, info);
        }
        return info;
    }
}
