package dev.heart.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The timing wheel behind TimeSource.system(), on real time with generous bounds. */
@Timeout(60)
class WheelTimerTest {

    @Test
    void tasksNeverRunEarly() throws Exception {
        try (TimeSource time = TimeSource.system()) {
            int count = 200;
            CountDownLatch done = new CountDownLatch(count);
            ConcurrentLinkedQueue<String> early = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < count; i++) {
                long delay = TimeUnit.MILLISECONDS.toNanos(i % 50);
                long due = time.nanoTime() + delay;
                time.schedule(Duration.ofNanos(delay), () -> {
                    long now = time.nanoTime();
                    if (now < due) {
                        early.add((due - now) + " ns early");
                    }
                    done.countDown();
                });
            }
            assertTrue(done.await(30, TimeUnit.SECONDS), "every task ran");
            assertEquals(List.of(), List.copyOf(early));
        }
    }

    @Test
    void cancelledTasksDoNotRun_andTheRestDo() throws Exception {
        try (TimeSource time = TimeSource.system()) {
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch kept = new CountDownLatch(500);
            for (int i = 0; i < 1000; i++) {
                boolean cancel = i % 2 == 0;
                TimeSource.Cancellable handle = time.schedule(Duration.ofMillis(20 + i % 30), () -> {
                    ran.incrementAndGet();
                    if (!cancel) {
                        kept.countDown();
                    }
                });
                if (cancel) {
                    handle.cancel();
                    handle.cancel(); // idempotent
                }
            }
            assertTrue(kept.await(30, TimeUnit.SECONDS));
            Thread.sleep(100);
            assertEquals(500, ran.get(), "no cancelled task ran");
        }
    }

    @Test
    void longWaitsGoRoundTheWheelAndAnIdleWheelWakesForNewWork() throws Exception {
        WheelTimer wheel = new WheelTimer(TimeUnit.MILLISECONDS.toNanos(1), 8);
        try {
            CountDownLatch first = new CountDownLatch(1);
            long start = System.nanoTime();
            wheel.schedule(TimeUnit.MILLISECONDS.toNanos(50), first::countDown); // 50 ticks on 8 buckets
            assertTrue(first.await(10, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "not before its deadline");
            Thread.sleep(50); // the wheel has nothing left and parks
            CountDownLatch second = new CountDownLatch(1);
            wheel.schedule(0, second::countDown);
            assertTrue(second.await(10, TimeUnit.SECONDS), "a parked wheel wakes for a new task");
        } finally {
            wheel.close();
        }
    }

    @Test
    void aSlotWaitsAgainAndAgain_reusingWhatAFiredWaitUsed() throws Exception {
        try (TimeSource time = TimeSource.system()) {
            TimeSource.Slot slot = time.slot();
            AtomicInteger fired = new AtomicInteger();
            for (int i = 0; i < 20; i++) {
                CountDownLatch ran = new CountDownLatch(1);
                TimeSource.Cancellable first = slot.schedule(Duration.ofMillis(2), () -> {
                    fired.incrementAndGet();
                    ran.countDown();
                });
                assertTrue(ran.await(10, TimeUnit.SECONDS), "wait " + i + " ran");
                if (i > 0) {
                    assertTrue(first == previous, "a fired wait's node is reused");
                }
                previous = first;
            }
            TimeSource.Cancellable cancelled = slot.schedule(Duration.ofMillis(30), fired::incrementAndGet);
            cancelled.cancel();
            CountDownLatch after = new CountDownLatch(1);
            TimeSource.Cancellable fresh = slot.schedule(Duration.ofMillis(1), after::countDown);
            assertTrue(fresh != cancelled, "a cancelled wait's node is never reused");
            assertTrue(after.await(10, TimeUnit.SECONDS));
            Thread.sleep(60);
            assertEquals(20, fired.get(), "the cancelled wait never ran");
        }
    }

    private TimeSource.Cancellable previous;

    @Test
    void aThrowingTaskDoesNotStopTheTimer() throws Exception {
        try (TimeSource time = TimeSource.system()) {
            time.schedule(Duration.ZERO, () -> {
                throw new IllegalStateException("task bug");
            });
            CountDownLatch after = new CountDownLatch(1);
            time.schedule(Duration.ofMillis(5), after::countDown);
            assertTrue(after.await(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void closeStopsTheThreadAndRefusesNewWork() throws Exception {
        TimeSource time = TimeSource.system();
        CountDownLatch ran = new CountDownLatch(1);
        time.schedule(Duration.ZERO, ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        AtomicInteger late = new AtomicInteger();
        time.schedule(Duration.ofSeconds(1), late::incrementAndGet);
        time.close();
        assertThrows(IllegalStateException.class, () -> time.schedule(Duration.ZERO, () -> { }));
        Thread.sleep(1200);
        assertEquals(0, late.get(), "tasks not yet run are dropped");
        assertFalse(RealThreadsTest.heartThreads().stream().anyMatch(n -> n.startsWith("heart-timer")),
                "the timer's thread has stopped: " + RealThreadsTest.heartThreads());
    }
}
