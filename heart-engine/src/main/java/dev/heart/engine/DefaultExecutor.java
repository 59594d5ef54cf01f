package dev.heart.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The executor a heart creates when none is given: virtual threads where the runtime has them
 * (Java 21+, found reflectively since the code targets 17), else a growing pool of named daemon
 * threads that retire when idle.
 */
final class DefaultExecutor {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private DefaultExecutor() {}

    static ExecutorService create() {
        ExecutorService virtual = virtualThreads();
        return virtual != null ? virtual : pool();
    }

    private static @Nullable ExecutorService virtualThreads() {
        if (Runtime.version().feature() < 21) {
            return null;
        }
        try {
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Object ofVirtual = Thread.class.getMethod("ofVirtual").invoke(null);
            String prefix = "heart-worker-v" + POOLS.incrementAndGet() + "-";
            Object named = builder.getMethod("name", String.class, long.class).invoke(ofVirtual, prefix, 1L);
            ThreadFactory factory = (ThreadFactory) builder.getMethod("factory").invoke(named);
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(
                            Executors.class,
                            "newThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class, ThreadFactory.class))
                    .invoke(factory);
        } catch (Throwable e) {
            EngineLog.HEART.debug("no virtual threads; using a pool", e);
            return null;
        }
    }

    private static ExecutorService pool() {
        String prefix = "heart-worker-" + POOLS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                    Thread thread = new Thread(task, prefix + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        return pool;
    }
}
