package dev.heart.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timing wheel behind TimeSource.system(): on real time with generous bounds where a real
 * thread is the point, on virtual time ({@link WheelTime}) wherever a test says that something did
 * not happen (no sleep decides it).
 */
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
    void cancelledTasksDoNotRun_andTheRestDo() {
        try (WheelTime time = new WheelTime()) {
            AtomicInteger ranKept = new AtomicInteger();
            AtomicInteger ranCancelled = new AtomicInteger();
            for (int i = 0; i < 1000; i++) {
                boolean cancel = i % 2 == 0;
                TimeSource.Cancellable handle = time.schedule(
                        Duration.ofMillis(20 + i % 30),
                        cancel ? ranCancelled::incrementAndGet : ranKept::incrementAndGet);
                if (cancel) {
                    handle.cancel();
                    handle.cancel(); // idempotent
                }
            }
            time.advance(Duration.ofMillis(19));
            assertEquals(0, ranKept.get(), "none before its deadline");
            time.advance(Duration.ofMillis(200)); // virtual: far past every deadline, at no cost
            assertEquals(500, ranKept.get(), "every kept task ran");
            assertEquals(0, ranCancelled.get(), "no cancelled task ran");
        }
    }

    @Test
    void longWaitsGoRoundTheWheel_runningAtTheirTickNotBefore() {
        try (WheelTime time = new WheelTime()) { // 64 buckets: 150 ticks go round more than twice
            AtomicInteger ran = new AtomicInteger();
            time.schedule(Duration.ofMillis(150), ran::incrementAndGet);
            time.advance(Duration.ofMillis(149));
            assertEquals(0, ran.get(), "passing its bucket twice before its deadline does not run it");
            time.advance(Duration.ofMillis(1));
            assertEquals(1, ran.get());
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
    void aWheelWithWaitsFarApartSleepsBetweenThem_andANearerNewWaitWakesIt() throws Exception {
        WheelTimer wheel = new WheelTimer(TimeUnit.MILLISECONDS.toNanos(1), 8192);
        try {
            CountDownLatch far = new CountDownLatch(1);
            CountDownLatch first = new CountDownLatch(1);
            wheel.schedule(TimeUnit.SECONDS.toNanos(30), far::countDown); // keeps the wheel busy throughout
            wheel.schedule(TimeUnit.MILLISECONDS.toNanos(400), first::countDown);
            long before = wheel.turns();
            assertTrue(first.await(20, TimeUnit.SECONDS));
            long turns = wheel.turns() - before;
            // 400 ticks passed; a wheel that woke every tick while anything waits turned about 400 times
            assertTrue(turns < 100, "the wheel slept until the next due bucket, but turned " + turns + " times");

            CountDownLatch near = new CountDownLatch(1);
            wheel.schedule(TimeUnit.MILLISECONDS.toNanos(10), near::countDown);
            assertTrue(near.await(20, TimeUnit.SECONDS), "a nearer new wait wakes the sleeping wheel");
            assertEquals(1, far.getCount(), "the far wait is still waiting");
        } finally {
            wheel.close();
        }
    }

    @Test
    void aSlotWaitsAgainAndAgain_reusingWhatAFiredWaitUsed() {
        try (WheelTime time = new WheelTime()) {
            TimeSource.Slot slot = time.slot();
            AtomicInteger fired = new AtomicInteger();
            TimeSource.Cancellable previous = null;
            for (int i = 0; i < 20; i++) {
                TimeSource.Cancellable wait = slot.schedule(Duration.ofMillis(2), fired::incrementAndGet);
                time.advance(Duration.ofMillis(2));
                assertEquals(i + 1, fired.get(), "wait " + i + " ran");
                if (previous != null) {
                    assertSame(previous, wait, "a fired wait's node is reused");
                }
                previous = wait;
            }
            AtomicInteger cancelledRan = new AtomicInteger();
            TimeSource.Cancellable cancelled = slot.schedule(Duration.ofMillis(30), cancelledRan::incrementAndGet);
            cancelled.cancel();
            AtomicInteger after = new AtomicInteger();
            TimeSource.Cancellable fresh = slot.schedule(Duration.ofMillis(1), after::incrementAndGet);
            assertNotSame(cancelled, fresh, "a cancelled wait's node is not reused before the wheel unlinked it");
            time.advance(Duration.ofMillis(100));
            assertEquals(1, after.get());
            assertEquals(0, cancelledRan.get(), "the cancelled wait never ran");
        }
    }

    /**
     * An attempt answered before its timeout cancels its wait, every beat: once the wheel has
     * unlinked the cancelled node, the slot's next wait reuses it, and only that wait runs, at its
     * own deadline.
     */
    @Test
    void aSlotReusesACancelledWaitsNodeOnceTheWheelUnlinkedIt() {
        try (WheelTime time = new WheelTime()) {
            TimeSource.Slot slot = time.slot();
            AtomicInteger cancelledRan = new AtomicInteger();
            AtomicInteger ran = new AtomicInteger();
            TimeSource.Cancellable previous = null;
            for (int i = 0; i < 20; i++) {
                TimeSource.Cancellable wait = slot.schedule(Duration.ofMillis(30), cancelledRan::incrementAndGet);
                if (previous != null) {
                    assertSame(previous, wait, "wait " + i + " reuses the node of the cancelled one before it");
                }
                time.advance(Duration.ofMillis(1)); // placed in its bucket
                wait.cancel();
                time.advance(Duration.ofMillis(1)); // unlinked
                previous = wait;
            }
            TimeSource.Cancellable last = slot.schedule(Duration.ofMillis(5), ran::incrementAndGet);
            assertSame(previous, last);
            time.advance(Duration.ofMillis(4));
            assertEquals(0, ran.get(), "not before its deadline");
            time.advance(Duration.ofMillis(100));
            assertEquals(1, ran.get(), "the reused node's wait ran once");
            assertEquals(0, cancelledRan.get(), "no cancelled wait ran");
        }
    }

    /**
     * The race of issue 11: the wheel claims a slot's node (PENDING to DONE) and, before it runs
     * the task, the slot's owner (on a transport thread, an answer racing the timeout) reuses the
     * node for its next wait. The wheel must run the task it claimed, and the new wait only at
     * its own deadline. Deterministic: the reuse happens exactly in that window.
     */
    @Test
    void aSlotReusedBetweenTheClaimAndTheRun_runsTheNewWaitAtItsDeadline_notAtOnce() {
        List<String> ran = new ArrayList<>();
        TimeSource.Slot[] slot = new TimeSource.Slot[1];
        TimeSource.Cancellable[] reused = new TimeSource.Cancellable[1];
        boolean[] raced = {false};
        WheelTime[] time = new WheelTime[1];
        time[0] = new WheelTime((tick, clock) -> new WheelTimer(tick, 64, clock, false) {
            @Override
            void claimed(WheelNode node) {
                if (!raced[0]) {
                    raced[0] = true;
                    reused[0] = slot[0].schedule(
                            Duration.ofMillis(5), () -> ran.add("second at " + time[0].elapsedMillis()));
                }
            }
        });
        try (WheelTime wheel = time[0]) {
            slot[0] = wheel.slot();
            TimeSource.Cancellable first =
                    slot[0].schedule(Duration.ofMillis(2), () -> ran.add("first at " + wheel.elapsedMillis()));
            wheel.advance(Duration.ofMillis(2));
            assertTrue(raced[0], "the owner reused the node between the claim and the run");
            assertSame(first, reused[0], "the very node being run was reused");
            assertEquals(List.of("first at 2"), ran, "the claimed task ran, the new wait did not");
            wheel.advance(Duration.ofMillis(4));
            assertEquals(List.of("first at 2"), ran, "not before its deadline");
            wheel.advance(Duration.ofMillis(1));
            assertEquals(List.of("first at 2", "second at 7"), ran);
        }
    }

    /** Many rounds of the same race, on a beating-like loop: each claim reuses the node at once. */
    @Test
    void aSlotReusedInEveryClaimWindow_neverRunsAWaitEarly() {
        List<String> early = new ArrayList<>();
        int[] runs = {0};
        TimeSource.Slot[] slot = new TimeSource.Slot[1];
        WheelTime[] time = new WheelTime[1];
        time[0] = new WheelTime((tick, clock) -> new WheelTimer(tick, 64, clock, false) {
            @Override
            void claimed(WheelNode node) {
                waitOn(slot[0], time[0], Duration.ofMillis(1 + runs[0] % 7), runs, early);
            }
        });
        try (WheelTime wheel = time[0]) {
            slot[0] = wheel.slot();
            waitOn(slot[0], wheel, Duration.ofMillis(1), runs, early);
            wheel.advance(Duration.ofSeconds(2));
            assertTrue(runs[0] > 200, "the loop kept waiting: " + runs[0]);
            assertEquals(List.of(), early.subList(0, Math.min(3, early.size())), early.size() + " early");
        }
    }

    private static void waitOn(TimeSource.Slot slot, WheelTime time, Duration delay, int[] runs, List<String> early) {
        long due = time.nanoTime() + delay.toNanos();
        slot.schedule(delay, () -> {
            runs[0]++;
            if (time.nanoTime() < due) {
                early.add("run " + runs[0] + " at " + time.nanoTime() + ", due " + due);
            }
        });
    }

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
        WheelTimer wheel = new WheelTimer(TimeUnit.MILLISECONDS.toNanos(1), 64);
        CountDownLatch ran = new CountDownLatch(1);
        wheel.schedule(0, ran::countDown);
        assertTrue(ran.await(10, TimeUnit.SECONDS));
        Thread thread = wheel.thread();
        assertTrue(thread.getName().startsWith("heart-timer-"), thread.getName());
        AtomicInteger late = new AtomicInteger();
        wheel.schedule(TimeUnit.HOURS.toNanos(1), late::incrementAndGet);
        wheel.close();
        assertThrows(IllegalStateException.class, () -> wheel.schedule(0, () -> {}));
        thread.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(thread.isAlive(), "the timer's thread has stopped");
        // The only thread that runs tasks is gone: whatever did not run by now never will.
        assertEquals(0, late.get(), "tasks not yet run are dropped");
    }
}
