package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import dev.heart.api.BeaterFailedException;
import dev.heart.api.HeartBeater;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every public entry point of the engine with bad arguments: the error names the argument. */
class BadInputTest {
    static final ManualTime TIME = new ManualTime();
    static final Heart HEART = Heart.builder(next -> {})
            .protocol(new ScriptedProtocol(TIME))
            .timeSource(TIME)
            .executor(Runnable::run)
            .build();
    static final Duration NEGATIVE = Duration.ofMillis(-1);

    static Stream<Arguments> badCalls() {
        return Stream.of(
                bad("beater", NullPointerException.class, () -> Heart.builder(null)),
                bad(
                        "protocol",
                        NullPointerException.class,
                        () -> Heart.builder(noop()).protocol(null)),
                bad(
                        "timeSource",
                        NullPointerException.class,
                        () -> Heart.builder(noop()).timeSource(null)),
                bad(
                        "executor",
                        NullPointerException.class,
                        () -> Heart.builder(noop()).executor(null)),
                bad(
                        "listener",
                        NullPointerException.class,
                        () -> Heart.builder(noop()).listener(null)),
                bad(
                        "retryBackoff",
                        NullPointerException.class,
                        () -> Heart.builder(noop()).retryBackoff(null)),
                bad(
                        "disconnectTimeout",
                        NullPointerException.class,
                        () -> Heart.builder(noop()).disconnectTimeout(null)),
                bad(
                        "disconnectTimeout",
                        IllegalArgumentException.class,
                        () -> Heart.builder(noop()).disconnectTimeout(Duration.ZERO)),
                bad(
                        "disconnectTimeout",
                        IllegalArgumentException.class,
                        () -> Heart.builder(noop()).disconnectTimeout(NEGATIVE)),
                bad("initRequest", NullPointerException.class, () -> HEART.runBeating(null, SECOND, 0)),
                bad("initTimeout", NullPointerException.class, () -> HEART.runBeating(REQUEST, null, 0)),
                bad("initTimeout", IllegalArgumentException.class, () -> HEART.runBeating(REQUEST, Duration.ZERO, 0)),
                bad("initTimeout", IllegalArgumentException.class, () -> HEART.runBeating(REQUEST, NEGATIVE, 0)),
                bad("initRetries", IllegalArgumentException.class, () -> HEART.runBeating(REQUEST, SECOND, -1)),
                bad("initRequest", NullPointerException.class, () -> HEART.start(null, SECOND, 0)),
                bad("initTimeout", IllegalArgumentException.class, () -> HEART.start(REQUEST, NEGATIVE, 0)),
                bad("initRetries", IllegalArgumentException.class, () -> HEART.start(REQUEST, SECOND, -2)),
                bad(
                        "initial",
                        IllegalArgumentException.class,
                        () -> RetryBackoff.exponential(Duration.ZERO, SECOND, 0)),
                bad(
                        "max",
                        IllegalArgumentException.class,
                        () -> RetryBackoff.exponential(SECOND, Duration.ofMillis(1), 0)),
                bad(
                        "jitter",
                        IllegalArgumentException.class,
                        () -> RetryBackoff.exponential(Duration.ofMillis(1), SECOND, 1.5)),
                bad(
                        "jitter",
                        IllegalArgumentException.class,
                        () -> RetryBackoff.exponential(Duration.ofMillis(1), SECOND, Double.NaN)),
                bad(
                        "delay",
                        IllegalArgumentException.class,
                        () -> TimeSource.system().schedule(NEGATIVE, () -> {})));
    }

    static HeartBeater noop() {
        return next -> {};
    }

    static Arguments bad(String argument, Class<? extends Throwable> type, Executable call) {
        return Arguments.of(argument, type, call);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badCalls")
    void badArgument_isRefusedWithItsName(String argument, Class<? extends Throwable> type, Executable call) {
        Throwable thrown = assertThrows(type, call);
        assertTrue(thrown.getMessage().contains(argument), thrown.getMessage());
    }

    static Stream<Arguments> badContinuations() {
        return Stream.of(
                Arguments.of("request", (HeartBeater) next -> next.send(null, SECOND, 0)),
                Arguments.of("timeout", (HeartBeater) next -> next.send(REQUEST, Duration.ZERO, 0)),
                Arguments.of("timeout", (HeartBeater) next -> next.send(REQUEST, null, 0)),
                Arguments.of("retries", (HeartBeater) next -> next.send(REQUEST, SECOND, -1)),
                Arguments.of("delay", (HeartBeater) next -> next.send(REQUEST, Attempts.of(SECOND, 0), NEGATIVE)),
                Arguments.of("delay", (HeartBeater) next -> next.send(REQUEST, Attempts.of(SECOND, 0), null)));
    }

    @ParameterizedTest(name = "NextBeat {0}")
    @MethodSource("badContinuations")
    void badContinuation_failsTheBeatingNamingTheArgument(String argument, HeartBeater beater) {
        ManualTime time = new ManualTime();
        Beating beating = Heart.builder(beater)
                .protocol(new ScriptedProtocol(time))
                .timeSource(time)
                .executor(Runnable::run)
                .build()
                .start(REQUEST, SECOND, 0);
        time.advance(SECOND);
        BeaterFailedException failure = assertInstanceOf(BeaterFailedException.class, ScenarioTest.outcome(beating));
        assertTrue(
                failure.getCause().getMessage().contains(argument),
                failure.getCause().getMessage());
    }

    @Test
    void closedTimeSource_refusesToSchedule() {
        TimeSource time = TimeSource.system();
        time.close();
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> time.schedule(Duration.ZERO, () -> {}));
        assertEquals("time source is closed", refused.getMessage());
    }
}
