package dev.heart.bench.e2;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Collectors;

/** Heap and GC readings for the harnesses (E2, and each JVM of E3). */
public final class Heap {
    private Heap() {}

    /** Heap in use now, bytes. */
    public static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Heap in use after two full collections, bytes. Pauses the whole JVM for a while. */
    public static long usedAfterFullGc() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return used();
    }

    /** Total collection time so far over all collectors, milliseconds. */
    public static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** The collectors' names, for the record. */
    public static String collectors() {
        List<GarbageCollectorMXBean> beans = ManagementFactory.getGarbageCollectorMXBeans();
        return beans.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }
}
