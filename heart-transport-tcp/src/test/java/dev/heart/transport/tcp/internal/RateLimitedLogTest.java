package dev.heart.transport.tcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Peer-caused events (closes mid-frame, TLS failures) log at most one INFO line per interval. */
class RateLimitedLogTest {

    @Test
    void oneLinePerIntervalThenTheCountOfTheLinesNotLogged() {
        List<String> lines = new ArrayList<>();
        Logger logger = (Logger) Proxy.newProxyInstance(
                Logger.class.getClassLoader(), new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                    if (method.getName().equals("info")) {
                        lines.add(Arrays.toString(args));
                    }
                    return method.getReturnType() == boolean.class ? Boolean.TRUE : null;
                });
        AtomicLong now = new AtomicLong(5);
        RateLimitedLog log = new RateLimitedLog(logger, TimeUnit.SECONDS.toNanos(10), now::get);
        for (int i = 0; i < 100; i++) {
            log.info("closed mid-frame: {}", "peer-" + i);
        }
        assertEquals(1, lines.size(), "one line for 100 events within the interval: " + lines);
        assertTrue(lines.get(0).contains("peer-0"));
        now.addAndGet(TimeUnit.SECONDS.toNanos(10) - 1);
        log.info("closed mid-frame: {}", "peer-100");
        assertEquals(1, lines.size(), "still within the interval");
        now.incrementAndGet();
        log.info("closed mid-frame: {}", "peer-100");
        assertEquals(2, lines.size());
        assertTrue(
                lines.get(1).contains("more like it not logged") && lines.get(1).contains("100"), lines.get(1));
    }
}
