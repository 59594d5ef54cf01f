package dev.heart.micrometer;

import static dev.heart.micrometer.Scripted.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.engine.Heart;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/micrometer.md shows {@link MicrometerExample}'s snippets verbatim, and they work; the
 * README's heart-bom snippet names the version being built and artifacts heart-bom manages.
 */
class DocsSnippetTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void docsShowTheCompiledSnippets() throws Exception {
        String doc = Files.readString(ROOT.resolve("docs/micrometer.md"));
        String readme = Files.readString(ROOT.resolve("README.md"));
        for (String name : List.of("one-call", "two-steps")) {
            String snippet = snippet(name);
            assertTrue(
                    doc.contains("```java\n" + snippet + "\n```"),
                    "docs/micrometer.md must show the snippet " + name + " verbatim:\n" + snippet);
        }
        assertTrue(
                readme.contains("`" + snippet("one-call") + "`"),
                "the README's Micrometer line is the snippet one-call");
    }

    @Test
    void theSnippetsBindAHeart() throws Exception {
        for (boolean oneCall : new boolean[] {true, false}) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (Scripted registry1 = new Scripted("A");
                    Heart heart = oneCall
                            ? MicrometerExample.oneCall(Scripted.beater(), registry)
                            : MicrometerExample.twoSteps(Scripted.beater(), registry)) {
                heart.start(registry1.request("orders-1", "orders"), Duration.ofSeconds(2), 3);
                await(
                        "a registration",
                        () -> registry.find(HeartMeters.REGISTRATIONS).counters().stream()
                                        .mapToDouble(Counter::count)
                                        .sum()
                                == 1);
                assertEquals(
                        oneCall ? null : "orders",
                        registry.get(HeartMeters.BEATINGS)
                                .tag("state", "established")
                                .gauge()
                                .getId()
                                .getTag("heart"));
            }
        }
    }

    @Test
    void theReadmeImportsTheBomOfThisBuild() throws Exception {
        String version = System.getProperty("heart.version");
        assertTrue(version != null && !version.isBlank(), "surefire passes heart.version");
        String readme = Files.readString(ROOT.resolve("README.md"));
        String bom = Files.readString(ROOT.resolve("heart-bom/pom.xml"));
        Matcher m = Pattern.compile("<artifactId>heart-bom</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(readme);
        assertTrue(m.find(), "the README imports heart-bom with a version");
        assertEquals(version, m.group(1), "the README's heart-bom version");
        Matcher artifacts = Pattern.compile("<artifactId>(heart-[a-z-]+)</artifactId>\\s*</dependency>")
                .matcher(readme);
        List<String> named = new ArrayList<>();
        while (artifacts.find()) {
            named.add(artifacts.group(1));
            assertTrue(
                    bom.contains("<artifactId>" + artifacts.group(1) + "</artifactId>"),
                    "the README names " + artifacts.group(1) + " without a version, but heart-bom does not manage it");
        }
        assertTrue(named.contains("heart-engine"), "the README's dependencies: " + named);
    }

    private static String snippet(String name) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/heart/micrometer/MicrometerExample.java"));
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("SNIPPET-START " + name)) {
                start = i + 1;
            } else if (start >= 0 && lines.get(i).contains("SNIPPET-END")) {
                return lines.subList(start, i).stream()
                        .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                        .collect(Collectors.joining("\n"));
            }
        }
        throw new AssertionError("snippet " + name + " missing");
    }
}
