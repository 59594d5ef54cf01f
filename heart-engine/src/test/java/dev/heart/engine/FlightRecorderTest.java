package dev.heart.engine;

import static dev.heart.engine.ScenarioTest.REQUEST;
import static dev.heart.engine.ScenarioTest.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.api.Attempts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Records a short beating with JFR and reads heart's events back from the file. */
class FlightRecorderTest {

    @Test
    void beatsFailuresHealthAndLateBeatsAreRecorded(@TempDir Path dir) throws Exception {
        ManualTime time = new ManualTime();
        Heart heart = threeBeatsAfterOneRefusal(time);

        Path file = dir.resolve("heart.jfr");
        try (Recording recording = new Recording()) {
            for (String name : List.of(
                    "dev.heart.Beat", "dev.heart.AttemptFailed", "dev.heart.HealthChange", "dev.heart.LateBeat")) {
                recording.enable(name);
            }
            recording.start();
            heart.start(REQUEST, SECOND, 1);
            time.advance(Duration.ofMillis(1_500)); // beats at 0 s and 1 s; the next is due at 2 s
            time.jump(Duration.ofMillis(1_300)); // a pause: at 2.8 s the beat due at 2 s goes out late
            time.advance(Duration.ofSeconds(10));
            recording.stop();
            recording.dump(file);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Map<String, Long> counts = events.stream()
                .collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
        assertEquals(3L, counts.get("dev.heart.Beat"), counts.toString());
        assertEquals(1L, counts.get("dev.heart.AttemptFailed"), counts.toString());
        assertEquals(1L, counts.get("dev.heart.LateBeat"), counts.toString());
        assertTrue(counts.get("dev.heart.HealthChange") >= 2, counts.toString());

        RecordedEvent firstBeat = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.heart.Beat"))
                .min((a, b) -> a.getStartTime().compareTo(b.getStartTime()))
                .orElseThrow();
        assertEquals("a", firstBeat.getString("registrant"));
        assertEquals("mem://r1", firstBeat.getString("target"));
        assertEquals("accepted", firstBeat.getString("outcome"));
        assertTrue(Files.size(file) > 0);
        RecordedEvent failed = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.heart.AttemptFailed"))
                .findFirst()
                .orElseThrow();
        assertTrue(failed.getString("cause").contains("refused"));
        RecordedEvent lateBeat = events.stream()
                .filter(e -> e.getEventType().getName().equals("dev.heart.LateBeat"))
                .findFirst()
                .orElseThrow();
        assertEquals(Duration.ofMillis(800), lateBeat.getDuration("lateness"));
    }

    @Test
    void aProfileRecordingHasTheRareEventsButNotOneEventPerBeat(@TempDir Path dir) throws Exception {
        ManualTime time = new ManualTime();
        Heart heart = threeBeatsAfterOneRefusal(time);

        Path file = dir.resolve("profile.jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.start();
            heart.start(REQUEST, SECOND, 1);
            time.advance(Duration.ofSeconds(10));
            recording.stop();
            recording.dump(file);
        }

        Map<String, Long> counts = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().startsWith("dev.heart."))
                .collect(Collectors.groupingBy(e -> e.getEventType().getName(), Collectors.counting()));
        assertEquals(null, counts.get("dev.heart.Beat"), counts.toString());
        assertEquals(1L, counts.get("dev.heart.AttemptFailed"), counts.toString());
        assertTrue(counts.get("dev.heart.HealthChange") >= 2, counts.toString());
    }

    /** A heart whose beater beats three times, one second apart; its first attempt is refused. */
    private static Heart threeBeatsAfterOneRefusal(ManualTime time) {
        var protocol = new ScriptedProtocol(time, ScriptedProtocol.fail("refused"), ScriptedProtocol.ok(Duration.ZERO));
        int[] calls = {0};
        return Heart.builder(next -> {
                    if (++calls[0] < 3) {
                        next.send(REQUEST, Attempts.of(SECOND, 1), Duration.ofSeconds(1));
                    }
                })
                .protocol(protocol)
                .timeSource(time)
                .executor(Runnable::run)
                .build();
    }
}
