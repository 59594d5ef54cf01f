package dev.heart.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command line's jar has one name: in ./heart, the README and the module descriptor's comment. */
class JarNameTest {
    private static final Pattern JAR = Pattern.compile("heart-cli/target/heart-cli[^:\\s\"')]*\\.jar");
    private static final String NAME = "heart-cli/target/heart-cli.jar";

    private static Set<String> jarsNamedIn(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = JAR.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group());
        }
        return names;
    }

    @Test
    void theScriptTheReadmeAndTheDescriptorNameTheJarMavenBuilds() throws IOException {
        Path root = Path.of("..");
        for (Path file : new Path[] {
            root.resolve("heart"), root.resolve("README.md"), Path.of("src", "main", "java", "module-info.java")
        }) {
            assertEquals(Set.of(NAME), jarsNamedIn(file), file.toString());
        }
        assertTrue(
                Files.readString(Path.of("pom.xml")).contains("<finalName>heart-cli</finalName>"),
                "the pom names the jar heart-cli.jar");
    }
}
