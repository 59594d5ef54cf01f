package dev.heart.testkit.example;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/testing-your-beater.md shows the example test exactly as it is compiled. */
class DocumentationTest {

    @Test
    void theDocumentShowsTheCompiledExampleUnchanged() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "testing-your-beater.md"));
        String example = Files.readString(
                Path.of("src", "test", "java", "dev", "heart", "testkit", "example", "TestingYourBeaterExample.java"));
        assertTrue(
                doc.contains("```java\n" + example + "```"),
                "docs/testing-your-beater.md must quote TestingYourBeaterExample.java unchanged; regenerate the snippet");
    }
}
