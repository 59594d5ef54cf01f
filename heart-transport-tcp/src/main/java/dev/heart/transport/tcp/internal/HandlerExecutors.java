package dev.heart.transport.tcp.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default executor of registry handlers: a virtual thread per request on Java 21 and later
 * (found by reflection, since this code targets Java 17), else a bounded pool of named platform
 * threads.
 */
final class HandlerExecutors {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerExecutors.class);

    private HandlerExecutors() {}

    /**
     * @param namePrefix the prefix of thread names, followed by a counter
     * @param poolSize   the pool's threads when virtual threads are not available
     */
    static ExecutorService create(String namePrefix, int poolSize) {
        if (Runtime.version().feature() >= 21) {
            try {
                return virtualThreads(namePrefix);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("virtual threads unavailable, using a pool of {} threads: {}", poolSize, e.toString());
            }
        }
        return pool(namePrefix, poolSize);
    }

    static ExecutorService virtualThreads(String namePrefix) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        builder = builderType.getMethod("name", String.class, long.class).invoke(builder, namePrefix, 1L);
        ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
        return (ExecutorService) perTask.invoke(null, factory);
    }

    static ExecutorService pool(String namePrefix, int poolSize) {
        AtomicInteger ids = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, namePrefix + ids.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(poolSize, poolSize, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
