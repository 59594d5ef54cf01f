import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every ```java block of README.md and docs/*.md is compiled: its lines (leading blanks aside) stand
 * in that order in a test source file of some module, which the build compiles (and a test of that
 * module keeps the two equal, character for character). Every dev.heart version shown in a ```xml
 * block is the version being built (heart-parent's). Blocks not compiled yet are listed in
 * NOT_YET_COMPILED with who owns them; the list only shrinks.
 *
 * <p>Run from the repository root: {@code java .ci/SnippetCheck.java}. Prints one line per
 * problem and "N passed, M failed"; exits 1 on any problem.
 */
public final class SnippetCheck {
    /** "file#n": the n-th java block of the file (from 1). */
    private static final Set<String> NOT_YET_COMPILED = Set.of();

    public static void main(String[] args) throws IOException {
        Path root = Path.of("");
        List<String> docs = new ArrayList<>(List.of("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.map(p -> "docs/" + p.getFileName()).filter(n -> n.endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/java/")
                    && !p.toString().contains("/target/")).toList()) {
                sources.add(normalize(Files.readString(p)));
            }
        }
        String version = projectVersion(Files.readString(root.resolve("pom.xml")));
        int passed = 0;
        List<String> problems = new ArrayList<>();
        Pattern block = Pattern.compile("(?ms)^```(java|xml)\\n(.*?)^```");
        for (String doc : docs) {
            Matcher m = block.matcher(Files.readString(root.resolve(doc)));
            int javaBlocks = 0;
            while (m.find()) {
                if (m.group(1).equals("java")) {
                    String id = doc + "#" + ++javaBlocks;
                    String snippet = normalize(m.group(2));
                    boolean compiled = sources.stream().anyMatch(s -> s.contains(snippet));
                    if (compiled == NOT_YET_COMPILED.contains(id)) {
                        problems.add(compiled ? id + " is compiled now: remove it from NOT_YET_COMPILED"
                                : id + " is in no test source: quote it from a compiled example (and test that they stay equal)");
                    } else {
                        passed++;
                    }
                } else {
                    Matcher v = Pattern.compile("<groupId>dev\\.heart</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*"
                            + "<version>([^<]+)</version>").matcher(m.group(2));
                    while (v.find()) {
                        if (v.group(2).equals(version)) {
                            passed++;
                        } else {
                            problems.add(doc + ": " + v.group(1) + " shown at version " + v.group(2) + ", the build is " + version);
                        }
                    }
                }
            }
        }
        problems.forEach(p -> System.out.println("PROBLEM: " + p));
        System.out.println("snippets: " + passed + " passed, " + problems.size() + " failed");
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    /** The lines without leading or trailing blanks, blank lines dropped. */
    private static String normalize(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n", "\n", "\n"));
    }

    private static String projectVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>heart-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("no heart-parent version in pom.xml");
        }
        return m.group(1);
    }
}
