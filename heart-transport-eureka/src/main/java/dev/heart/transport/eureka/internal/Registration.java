package dev.heart.transport.eureka.internal;

import java.net.http.HttpRequest;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A registration the server accepted: its dirty timestamp, the instance as registered, and
 * its renewal request, built once (for one attempt timeout) and sent again on every renewal.
 * Thread-safe: two renewals may build the request at once, and either result is right.
 */
final class Registration {
    final long dirty;
    final Instance instance;
    private volatile @Nullable HttpRequest renewal;

    Registration(long dirty, Instance instance) {
        this.dirty = dirty;
        this.instance = instance;
    }

    /** The renewal request bounded by {@code deadline}, reused while the deadline stays the same. */
    HttpRequest renewal(Http http, Target target, Duration deadline) {
        HttpRequest built = renewal;
        if (built == null || !built.timeout().orElseThrow().equals(deadline)) {
            String suffix = EurekaClient.instancePath(instance) + "?status=" + instance.status()
                    + "&lastDirtyTimestamp=" + dirty;
            built = http.request(target, "PUT", suffix, null, "application/json", deadline);
            renewal = built;
        }
        return built;
    }
}
