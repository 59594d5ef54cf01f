package dev.heart.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.heart.spring.boot.example.OrdersApplication;
import dev.heart.transport.tcp.TcpRegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** docs/spring-boot.md shows the compiled example, runs as it says, and lists every property. */
class DocsExampleTest {
    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Path DOC = MODULE.resolveSibling("docs").resolve("spring-boot.md");

    @Test
    void theDocShowsTheCompiledExample() throws IOException {
        List<String> lines = Files.readAllLines(
                MODULE.resolve("src/test/java/dev/heart/spring/boot/example/OrdersApplication.java"));
        int start = indexOf(lines, "DOCS-SNIPPET-START") + 1;
        int end = indexOf(lines, "DOCS-SNIPPET-END");
        String snippet = String.join("\n", lines.subList(start, end));
        assertTrue(
                Files.readString(DOC).contains("```java\n" + snippet + "\n```"),
                "docs/spring-boot.md must show OrdersApplication verbatim:\n" + snippet);
    }

    @Test
    void theExampleRegistersWithTheDocsPropertiesAndLeavesOnStop() throws IOException {
        List<String> properties = block("properties");
        assertEquals(2, properties.size(), "the setup's properties: " + properties);
        TestRegistry registry = new TestRegistry(Duration.ofSeconds(30));
        try (TcpRegistryServer server = TcpRegistryServer.start(registry)) {
            List<String> args = new ArrayList<>();
            for (String property : properties) {
                args.add("--" + (property.startsWith("heart.registry=") ? "heart.registry=" + server.uri() : property));
            }
            args.addAll(List.of(
                    "--server.port=0",
                    "--server.address=127.0.0.1",
                    "--spring.main.banner-mode=off",
                    "--heart.shutdown.drain-delay=0s"));
            ConfigurableApplicationContext context =
                    SpringApplication.run(OrdersApplication.class, args.toArray(String[]::new));
            int port = TestApp.port(context);
            Await.until("orders registered", () -> registry.of("orders") != null);
            assertEquals("orders-127.0.0.1-" + port, registry.of("orders").id());
            assertEquals("[]", TestApp.http(context, "GET", "/orders").body());
            context.close();
            assertNull(registry.of("orders"), "still registered after the application stopped");
        }
    }

    @Test
    void theDocListsEveryPropertyOfTheMetadata() throws IOException {
        String metadata =
                Files.readString(MODULE.resolve("target/classes/META-INF/spring-configuration-metadata.json"));
        int from = metadata.indexOf("\"properties\"");
        int to = metadata.indexOf("\"hints\"", from);
        String properties = metadata.substring(from, to < 0 ? metadata.length() : to); // not the groups
        Set<String> generated = new TreeSet<>();
        Matcher names = Pattern.compile("\"name\": ?\"(heart\\.[a-z.-]+)\"").matcher(properties);
        while (names.find()) {
            generated.add(names.group(1));
        }
        Set<String> documented = new TreeSet<>();
        Matcher rows =
                Pattern.compile("(?m)^\\| `(heart\\.[a-z.-]+?)(\\.\\*)?` \\|").matcher(Files.readString(DOC));
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        assertTrue(generated.size() > 15, "too few properties in the metadata: " + generated);
        assertEquals(generated, documented, "docs/spring-boot.md's property table and the generated metadata");
    }

    @Test
    void everyDefaultOfThePropertyTableStartsTheApplicationAsWritten() throws IOException {
        Matcher rows = Pattern.compile("(?m)^\\| `(heart\\.[a-z.-]+)` \\| `([^`<> ]+)` \\|")
                .matcher(Files.readString(DOC));
        List<String> args = new ArrayList<>(List.of(
                "--spring.main.banner-mode=off",
                "--spring.application.name=orders",
                "--heart.registry=tcp://127.0.0.1:1"));
        List<String> tried = new ArrayList<>();
        while (rows.find()) {
            if (!rows.group(2).matches("[a-z]+(\\.[a-z]+)+")) { // a property named as the default, not a value
                args.add("--" + rows.group(1) + "=" + rows.group(2));
                tried.add(rows.group(1));
            }
        }
        assertTrue(tried.size() > 20 && tried.contains("heart.beater.fraction"), "defaults tried: " + tried);
        try (ConfigurableApplicationContext context = new org.springframework.boot.builder.SpringApplicationBuilder(
                        TestApp.class)
                .web(org.springframework.boot.WebApplicationType.NONE)
                .run(args.toArray(String[]::new))) {
            org.springframework.beans.BeanWrapper bound =
                    new org.springframework.beans.BeanWrapperImpl(context.getBean(HeartProperties.class));
            org.springframework.beans.BeanWrapper defaults =
                    new org.springframework.beans.BeanWrapperImpl(new HeartProperties());
            for (String property : tried) {
                String path = camel(property.substring("heart.".length()));
                assertEquals(
                        defaults.getPropertyValue(path),
                        bound.getPropertyValue(path),
                        property + ": the table's default is not the default");
            }
        }
    }

    private static String camel(String kebab) {
        Matcher dash = Pattern.compile("-([a-z])").matcher(kebab);
        return dash.replaceAll(m -> m.group(1).toUpperCase(java.util.Locale.ROOT));
    }

    private static List<String> block(String language) throws IOException {
        String text = Files.readString(DOC);
        int start = text.indexOf("```" + language + "\n");
        assertTrue(start >= 0, "no " + language + " block");
        int end = text.indexOf("```", start + 3 + language.length());
        return text.substring(start + 4 + language.length(), end)
                .lines()
                .filter(l -> !l.isBlank())
                .collect(Collectors.toList());
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
