package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A timer's expiry travels through the mailbox as its wait's number, beside the event stack:
 * while the mailbox is busy, only the latest wait's expiry stays queued (an earlier wait's is
 * stale, whatever order the timers fire in, also across the int wrap), and it is handled after
 * the events posted with it, so that an answer racing its own timeout counts.
 */
@Timeout(30)
class MailboxExpiryTest {
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch busy = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Heart heart;
    private Mailbox mailbox;
    private Thread drainer;

    @BeforeEach
    void busyMailbox() throws InterruptedException {
        heart = Heart.builder(next -> {})
                .protocol((request, deadline) -> new java.util.concurrent.CompletableFuture<>())
                .timeSource(new ManualTime())
                .executor(Runnable::run)
                .build();
        BeatingRun run = (BeatingRun) heart.start(REQUEST, Duration.ofSeconds(1), 0);
        mailbox = new Mailbox(
                new Mailbox.Handler() {
                    @Override
                    public void handle(LoopEvent event) {
                        handled.add(event.kind().name());
                        if (event.kind() == LoopEvent.Kind.STOP && busy.getCount() > 0) {
                            busy.countDown();
                            try {
                                release.await(20, TimeUnit.SECONDS); // the mailbox is busy meanwhile
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }

                    @Override
                    public void expired(int seq) {
                        handled.add("expired " + seq);
                    }
                },
                run);
        drainer = new Thread(() -> mailbox.post(LoopEvent.Stop.INSTANCE), "test-drainer");
        drainer.start();
        assertTrue(busy.await(20, TimeUnit.SECONDS), "the drainer is busy with the first event");
    }

    @AfterEach
    void close() throws InterruptedException {
        release.countDown();
        drainer.join(20_000);
        heart.closeAsync(); // manual time: the disconnect's bound never passes
    }

    private List<String> whenIdle() throws InterruptedException {
        release.countDown();
        drainer.join(20_000);
        return List.copyOf(handled);
    }

    @Test
    void anEarlierWaitsExpiryFiringLate_isDropped() throws InterruptedException {
        mailbox.postExpired(5);
        mailbox.postExpired(4); // a timer of an earlier wait, claimed before and run after
        assertEquals(List.of("STOP", "expired 5"), whenIdle());
    }

    @Test
    void aLaterWaitsExpiry_replacesTheQueuedOne() throws InterruptedException {
        mailbox.postExpired(6);
        mailbox.postExpired(7);
        assertEquals(List.of("STOP", "expired 7"), whenIdle());
    }

    @Test
    void waitNumbersCompareAcrossTheWrap() throws InterruptedException {
        mailbox.postExpired(Integer.MAX_VALUE);
        mailbox.postExpired(Integer.MIN_VALUE); // the wait after MAX_VALUE
        mailbox.postExpired(Integer.MAX_VALUE - 1);
        assertEquals(List.of("STOP", "expired " + Integer.MIN_VALUE), whenIdle());
    }

    @Test
    void theExpiryIsHandledAfterTheEventsPostedWithIt() throws InterruptedException {
        mailbox.postExpired(3);
        mailbox.post(new LoopEvent.Answer(3, null, new RuntimeException("an answer racing its timeout")));
        assertEquals(List.of("STOP", "ANSWER", "expired 3"), whenIdle());
    }

    @Test
    void anExpiryPostedToAnIdleMailbox_isHandledAtOnceOnThePostingThread() throws InterruptedException {
        whenIdle();
        handled.clear();
        mailbox.postExpired(9);
        assertEquals(List.of("expired 9"), handled);
    }
}
