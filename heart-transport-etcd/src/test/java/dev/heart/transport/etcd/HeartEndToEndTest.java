package dev.heart.transport.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.heart.api.BeatFailedException;
import dev.heart.api.RegistrantInfo;
import dev.heart.api.TransportException;
import dev.heart.engine.Beating;
import dev.heart.engine.Heart;
import dev.heart.transport.etcd.internal.EtcdCluster;
import dev.heart.transport.etcd.internal.EtcdProbe;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real {@link Heart}, with the transport found by its scheme on the module path, against a real
 * etcd: the key lives while the heart beats, goes at once on stop, and the heart fails when etcd
 * dies and registers again after it restarts.
 */
class HeartEndToEndTest {
    static final Duration TTL = Duration.ofSeconds(2);
    static final Duration BOUND = Duration.ofSeconds(15);
    static EtcdCluster etcd;
    static URI target;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdCluster.start(1);
        target = etcd.member(0).target();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    static RegistrantInfo registrant(String id) {
        return new RegistrantInfo(
                id,
                "payments",
                Map.of(EtcdTransport.TTL_ATTRIBUTE, Long.toString(TTL.toSeconds()), "address", "10.0.0.7:8080"));
    }

    @Test
    void aHeartKeepsTheKeyAliveForSeveralTtlsAndItGoesAtOnceOnStop() throws Exception {
        RegistrantInfo who = registrant("alive");
        String key = EtcdTransport.key(who);
        TtlBeater beater = new TtlBeater(who, false);
        try (Heart heart = Heart.builder(beater).build()) {
            Beating beating = heart.start(beater.first(target), TtlBeater.ATTEMPT, TtlBeater.RETRIES);
            await("established", () -> beating.state() == Beating.State.ESTABLISHED);
            long lease = EtcdProbe.get(target, key).orElseThrow().lease();

            long end = System.nanoTime() + TTL.multipliedBy(3).toNanos();
            while (System.nanoTime() - end < 0) {
                EtcdProbe.Entry entry = EtcdProbe.get(target, key)
                        .orElseThrow(() -> new AssertionError("key gone while the heart beats"));
                assertEquals(lease, entry.lease(), "the same lease is kept alive, not granted anew");
                Thread.sleep(200);
            }
            assertTrue(beater.responses.size() >= 4, "beats at TTL/3: " + beater.responses.size());
            assertTrue(beater.responses.stream().noneMatch(r -> r.reject()));
            assertEquals(TTL, beater.last().timeout());

            beating.stop();
            ExecutionException stopped = assertStopped(beating);
            assertInstanceOf(CancellationException.class, stopped.getCause());
            assertTrue(EtcdProbe.get(target, key).isEmpty(), "revoked on stop, not left to expire");
        }
    }

    @Test
    void killingEtcdFailsTheHeartWithTheConnectionCauseAndANewHeartRegistersAfterARestart() throws Exception {
        RegistrantInfo who = registrant("survivor");
        TtlBeater beater = new TtlBeater(who, false);
        try (Heart heart = Heart.builder(beater).build()) {
            Beating beating = heart.start(beater.first(target), TtlBeater.ATTEMPT, TtlBeater.RETRIES);
            await("established", () -> beating.state() == Beating.State.ESTABLISHED);

            etcd.member(0).kill();

            ExecutionException failed = assertStopped(beating);
            BeatFailedException beat = assertInstanceOf(BeatFailedException.class, failed.getCause());
            assertEquals(TtlBeater.RETRIES + 1, beat.causes().size());
            // each attempt fails with the connection's cause, or times out while gRPC reconnects
            boolean connectionCause = false;
            for (Throwable cause : beat.causes()) {
                if (cause instanceof dev.heart.api.AttemptTimeoutException) {
                    continue;
                }
                TransportException transport = assertInstanceOf(TransportException.class, cause);
                assertTrue(transport.getMessage().contains(target.getRawAuthority()), transport.getMessage());
                connectionCause |=
                        hasConnectionCause(transport) || transport.getMessage().contains("UNAVAILABLE");
            }
            assertTrue(connectionCause, "a connection cause expected in " + beat.causes());
        } finally {
            etcd.member(0).start();
            etcd.member(0).awaitReady(BOUND);
        }

        TtlBeater again = new TtlBeater(who, false);
        try (Heart heart = Heart.builder(again).build()) {
            Beating beating = heart.start(again.first(target), TtlBeater.ATTEMPT, TtlBeater.RETRIES);
            await("registered again", () -> again.responses.size() >= 2);
            assertTrue(EtcdProbe.get(target, EtcdTransport.key(who)).isPresent());
            assertTrue(again.responses.stream().noneMatch(r -> r.reject()));
            beating.stop();
            assertStopped(beating);
        }
    }

    static boolean hasConnectionCause(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    static ExecutionException assertStopped(Beating beating) throws InterruptedException {
        try {
            beating.completion().get(BOUND.toSeconds(), TimeUnit.SECONDS);
            return fail("the beating ended normally");
        } catch (ExecutionException e) {
            return e;
        } catch (CancellationException e) {
            return new ExecutionException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            return fail("the beating did not end within " + BOUND);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                fail("not " + what + " within " + BOUND);
            }
            Thread.sleep(20);
        }
    }
}
