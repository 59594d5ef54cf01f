package dev.heart.transport.tcp.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client I/O thread: a selector serving many connections. Callers hand it requests through a
 * lock-free queue and wake the selector only when it sleeps; it drains the queue, encodes every
 * request into its connection's buffer, then writes each connection once (batching), and
 * completes futures on its own thread as answers arrive.
 */
final class ClientLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientLoop.class);

    private final Selector selector;
    private final Thread thread;
    private final Queue<Pending> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean awake = new AtomicBoolean(true);
    private final List<ClientConnection> connections = new CopyOnWriteArrayList<>();
    private final List<ClientConnection> connecting = new ArrayList<>();
    private final List<ClientConnection> dirty = new ArrayList<>();
    /** Connections whose turn ended with input still buffered: served again after the next select. */
    private List<ClientConnection> again = new ArrayList<>();

    private List<ClientConnection> serving = new ArrayList<>();
    private volatile boolean running = true;

    ClientLoop(String threadName) {
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector", e);
        }
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    /** Any thread: a new connection served by this loop. */
    void adopt(ClientConnection connection) {
        connections.add(connection);
    }

    /** Any thread: a request to write. */
    void submit(Pending pending) {
        tasks.add(pending);
        wake();
    }

    /** True while the I/O thread is not blocked in select: work handed to it now needs no wakeup. */
    boolean isAwake() {
        return awake.get();
    }

    /** I/O thread: a connection that has bytes to write after this round of tasks. */
    void dirty(ClientConnection connection) {
        dirty.add(connection);
    }

    /** I/O thread: {@code connection} still holds input after its turn; it gets another after the others'. */
    void readAgain(ClientConnection connection) {
        again.add(connection);
    }

    /** I/O thread: a connection waiting for its connect to finish or time out. */
    void connecting(ClientConnection connection) {
        connecting.add(connection);
    }

    /** Any thread: asks the I/O thread to stop; it fails every pending request on its way out. */
    void stop() {
        running = false;
        selector.wakeup();
    }

    /** Waits at most {@code timeoutMillis} for the I/O thread to end (not from the I/O thread itself). */
    void join(long timeoutMillis) throws InterruptedException {
        thread.join(timeoutMillis);
    }

    /** True when called on this loop's I/O thread. */
    boolean isCurrentThread() {
        return Thread.currentThread() == thread;
    }

    String threadName() {
        return thread.getName();
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    private void wake() {
        if (!awake.get() && awake.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                runTasks();
                awake.set(false);
                long timeoutMillis = connectTimeoutMillis();
                if (!tasks.isEmpty() || !running || !again.isEmpty()) {
                    selector.selectNow();
                } else if (timeoutMillis == Long.MAX_VALUE) {
                    selector.select();
                } else {
                    selector.select(Math.max(1, timeoutMillis));
                }
                awake.set(true);
                var selected = selector.selectedKeys();
                if (!selected.isEmpty()) {
                    for (SelectionKey key : selected) {
                        ((ClientConnection) key.attachment()).readySafely(key);
                    }
                    selected.clear();
                }
                serveAgain();
                flushDirty();
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("tcp client I/O thread {} failed; its connections fail", thread.getName(), e);
        } finally {
            shutdown();
        }
    }

    private void serveAgain() {
        List<ClientConnection> turn = again;
        again = serving;
        serving = turn;
        for (int i = 0; i < turn.size(); i++) {
            turn.get(i).readBuffered();
        }
        turn.clear();
    }

    private void runTasks() {
        for (Pending pending; (pending = tasks.poll()) != null; ) {
            pending.connection.enqueue(pending);
        }
        flushDirty();
    }

    private void flushDirty() {
        for (int i = 0; i < dirty.size(); i++) {
            dirty.get(i).flush();
        }
        dirty.clear();
    }

    private long connectTimeoutMillis() {
        if (connecting.isEmpty()) {
            return Long.MAX_VALUE;
        }
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (int i = connecting.size() - 1; i >= 0; i--) {
            long deadline = connecting.get(i).checkConnectTimeout(now);
            if (deadline == Long.MAX_VALUE) {
                connecting.remove(i);
            } else if (earliest == Long.MAX_VALUE || deadline - earliest < 0) {
                earliest = deadline;
            }
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : TimeUnit.NANOSECONDS.toMillis(earliest - now) + 1;
    }

    private void shutdown() {
        running = false;
        for (ClientConnection connection : connections) {
            connection.close();
        }
        for (Pending pending; (pending = tasks.poll()) != null; ) {
            pending.connection.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector: {}", e.toString());
        }
    }
}
