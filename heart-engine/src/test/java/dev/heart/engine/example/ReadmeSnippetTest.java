package dev.heart.engine.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's usage snippet is the compiled example, line for line. */
class ReadmeSnippetTest {

    @Test
    void readmeShowsTheCompiledExample() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path source = module.resolve("src/test/java/dev/heart/engine/example/UsageExample.java");
        Path readme = module.resolveSibling("README.md");
        List<String> lines = Files.readAllLines(source);
        int start = indexOf(lines, "README-SNIPPET-START") + 1;
        int end = indexOf(lines, "README-SNIPPET-END");
        String snippet = lines.subList(start, end).stream()
                .map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n"));
        String text = Files.readString(readme);
        assertTrue(
                text.contains("```java\n" + snippet + "\n```"),
                "README.md must show UsageExample's snippet verbatim:\n" + snippet);
    }

    private static int indexOf(List<String> lines, String marker) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i;
            }
        }
        throw new AssertionError("marker " + marker + " missing");
    }
}
