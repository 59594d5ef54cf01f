package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.engine.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {
    private final VirtualTime time = VirtualTime.create();
    private final List<String> ran = new ArrayList<>();

    @Test
    void advanceRunsDueTasksInOrderAtTheirTime() {
        time.schedule(Duration.ofSeconds(2), () -> ran.add("b@" + time.now().toSeconds()));
        time.schedule(Duration.ofSeconds(1), () -> ran.add("a@" + time.now().toSeconds()));
        time.schedule(Duration.ofSeconds(2), () -> ran.add("c@" + time.now().toSeconds()));
        time.schedule(Duration.ofSeconds(5), () -> ran.add("late"));
        time.advance(Duration.ofSeconds(3));
        assertEquals(List.of("a@1", "b@2", "c@2"), ran);
        assertEquals(Duration.ofSeconds(3), time.now());
        assertEquals(1, time.pendingTasks());
    }

    @Test
    void tasksScheduledByTasksRunWithinTheSameAdvance() {
        time.schedule(
                Duration.ofSeconds(1),
                () -> time.schedule(
                        Duration.ofSeconds(1),
                        () -> ran.add("nested@" + time.now().toSeconds())));
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of("nested@2"), ran);
    }

    @Test
    void cancelledTasksDoNotRun() {
        TimeSource.Cancellable task = time.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        task.cancel();
        time.advance(Duration.ofSeconds(2));
        assertEquals(List.of(), ran);
    }

    @Test
    void timeNeverMovesBackwards() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> time.advance(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("backwards"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> time.jump(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> time.schedule(Duration.ofMillis(-1), () -> {}));
    }

    @Test
    void useAfterCloseIsAClearError() {
        time.schedule(Duration.ofSeconds(1), () -> ran.add("dropped"));
        time.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> time.advance(Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> time.schedule(Duration.ZERO, () -> {}));
        assertEquals(List.of(), ran);
    }

    @Test
    void advancingFromATaskIsRefused() {
        List<Throwable> thrown = new ArrayList<>();
        time.schedule(Duration.ZERO, () -> {
            try {
                time.advance(Duration.ofSeconds(1));
            } catch (IllegalStateException e) {
                thrown.add(e);
            }
        });
        time.advance(Duration.ZERO);
        assertEquals(1, thrown.size());
    }

    @Test
    void aJumpMakesDueTasksRunLateAtTheJumpedTime() {
        time.schedule(Duration.ofSeconds(1), () -> ran.add("timer@" + time.now().toSeconds()));
        time.jump(Duration.ofSeconds(10));
        assertEquals(List.of(), ran, "a jump runs nothing");
        time.advance(Duration.ZERO);
        assertEquals(List.of("timer@10"), ran);
    }

    @Test
    void runUntilIdleRunsEverythingAndIsBounded() {
        time.schedule(Duration.ofMinutes(5), () -> ran.add("x"));
        assertEquals(1, time.runUntilIdle());
        assertEquals(Duration.ofMinutes(5), time.now());
        Runnable[] forever = new Runnable[1];
        forever[0] = () -> time.schedule(Duration.ofSeconds(1), forever[0]);
        time.schedule(Duration.ZERO, forever[0]);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> time.runUntilIdle(100));
        assertTrue(e.getMessage().contains("still busy"), e.getMessage());
    }
}
