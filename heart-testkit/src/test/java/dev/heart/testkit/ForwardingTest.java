package dev.heart.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.HeartBeater;
import dev.heart.api.NextBeat;
import dev.heart.api.spi.RequestProtocol;
import dev.heart.engine.HeartListener;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The simulation forwards and records every method of what it wraps: a method added to
 * {@link HeartBeater}, {@link NextBeat}, {@link RequestProtocol} or {@link HeartListener} that the
 * testkit does not override fails this test, instead of silently falling back to a default the
 * user's beater never sees.
 */
class ForwardingTest {

    private static void overridesEvery(Class<?> wrapped, Class<?> wrapper, List<String> exempt) {
        List<String> missing = Arrays.stream(wrapped.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && m.getDeclaringClass() == wrapped)
                .filter(m -> !exempt.contains(m.getName()))
                .filter(m -> !declares(wrapper, m))
                .map(Method::toString)
                .collect(Collectors.toList());
        assertEquals(List.of(), missing, wrapper.getName() + " must override every method of " + wrapped.getName());
    }

    private static boolean declares(Class<?> type, Method method) {
        try {
            type.getDeclaredMethod(method.getName(), method.getParameterTypes());
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void theRecordingBeaterForwardsEveryHeartBeaterMethod() {
        assertTrue(HeartBeater.class.getMethods().length >= 2, "beat and beatFailed at least");
        overridesEvery(HeartBeater.class, Recorder.RecordingBeater.class, List.of());
    }

    @Test
    void theRecordingNextBeatForwardsEveryNextBeatMethod() {
        overridesEvery(NextBeat.class, Recorder.RecordingNext.class, List.of());
    }

    @Test
    void theRecordingProtocolForwardsEveryRequestProtocolMethod() {
        RequestProtocol recording = Simulation.recording(MemNetwork.protocol(), new Recorder(VirtualTime.create()));
        overridesEvery(RequestProtocol.class, recording.getClass(), List.of());
    }

    @Test
    void theListenerRecordsEveryLoopEvent() {
        // health and lateness are not loop events of the timeline (the result holds the health at
        // the stop); every answer is recorded by the recording protocol, with its request
        overridesEvery(
                HeartListener.class,
                Simulation.listener(new Recorder(VirtualTime.create())).getClass(),
                List.of("healthChanged", "lateBeat", "answered"));
    }
}
