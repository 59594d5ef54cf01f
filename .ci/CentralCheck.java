import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks what `./mvnw -B -ntp -P central -DskipTests deploy` staged against what Maven Central
 * requires, signatures aside: for every artifact the BOM names, and for the parent and the BOM
 * themselves, a pom with name, description, url, licenses, developers and scm (inherited from
 * heart-parent where the pom has it as parent); for jars, the main, sources and javadoc jars, each
 * with .md5 and .sha1 files that match; Implementation-Title and Implementation-Version in the main
 * jar's manifest; one time on every entry of every jar (project.build.outputTimestamp); heart-cli's
 * distribution archive (-bin.tar.gz: checksums, one time, an executable bin/heart, lib/). Also: the
 * staged artifacts are exactly heart-parent, heart-bom and what the BOM names (no published module
 * left out of the BOM), and the BOM has no parent and names nothing but dev.heart artifacts.
 *
 * <p>Run: {@code java .ci/CentralCheck.java target/central-staging}. Prints one line per problem
 * and "N passed, M failed"; exits 1 on any problem.
 */
public final class CentralCheck {
    private static final String GROUP = "dev.heart";
    /** The artifacts published with a distribution archive (classifier bin, tar.gz) beside their jar. */
    private static final Set<String> DISTRIBUTIONS = Set.of("heart-cli");
    private final List<String> problems = new ArrayList<>();
    private int checks;
    private final Path groupDir;

    private CentralCheck(Path staging) {
        this.groupDir = staging.resolve(GROUP.replace('.', '/'));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java .ci/CentralCheck.java <staging directory>");
            System.exit(2);
        }
        CentralCheck check = new CentralCheck(Path.of(args[0]));
        check.run();
        int failed = check.problems.size();
        check.problems.forEach(p -> System.out.println("PROBLEM: " + p));
        System.out.println("central: " + (check.checks - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    private void check(boolean ok, String problem) {
        checks++;
        if (!ok) {
            problems.add(problem);
        }
    }

    private void run() throws Exception {
        if (!Files.isDirectory(groupDir)) {
            check(false, "nothing staged under " + groupDir + ": run ./mvnw -B -ntp -P central -DskipTests deploy first");
            return;
        }
        Path bomPom = pom("heart-bom");
        if (bomPom == null) {
            return;
        }
        Document bom = parse(bomPom);
        check(child(bom.getDocumentElement(), "parent") == null,
                "heart-bom has a parent: importers would get the parent's dependencyManagement");
        Set<String> named = new TreeSet<>();
        Element dm = child(bom.getDocumentElement(), "dependencyManagement");
        for (Element dep : children(child(dm, "dependencies"), "dependency")) {
            String group = text(dep, "groupId");
            check(GROUP.equals(group), "heart-bom names " + group + ":" + text(dep, "artifactId")
                    + ": a BOM of heart names heart's artifacts only");
            named.add(text(dep, "artifactId"));
        }
        Set<String> staged = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(groupDir)) {
            dirs.filter(Files::isDirectory).forEach(d -> staged.add(d.getFileName().toString()));
        }
        Set<String> expected = new TreeSet<>(named);
        expected.add("heart-parent");
        expected.add("heart-bom");
        check(staged.equals(expected), "staged artifacts " + staged + " differ from heart-parent, heart-bom and what "
                + "the BOM names " + named + ": add a published module to heart-bom, or skip its deploy");
        for (String artifact : expected) {
            artifact(artifact);
        }
    }

    private void artifact(String artifactId) throws Exception {
        Path pomFile = pom(artifactId);
        if (pomFile == null) {
            return;
        }
        checksums(pomFile);
        Element project = parse(pomFile).getDocumentElement();
        Element parent = "heart-parent".equals(artifactId) || "heart-bom".equals(artifactId) ? null
                : parentOf(project, artifactId);
        for (String field : List.of("name", "description", "url")) {
            check(!inherited(project, parent, field).isBlank(), artifactId + ": the pom has no <" + field + ">");
        }
        Element licenses = or(child(project, "licenses"), parent == null ? null : child(parent, "licenses"));
        List<Element> licenseList = children(licenses, "license");
        check(!licenseList.isEmpty() && licenseList.stream().allMatch(l -> !text(l, "name").isBlank()
                && !text(l, "url").isBlank()), artifactId + ": no <licenses> with a name and url");
        Element developers = or(child(project, "developers"), parent == null ? null : child(parent, "developers"));
        check(!children(developers, "developer").isEmpty(), artifactId + ": no <developers>");
        Element scm = or(child(project, "scm"), parent == null ? null : child(parent, "scm"));
        check(scm != null && !text(scm, "url").isBlank() && !text(scm, "connection").isBlank(),
                artifactId + ": no <scm> with url and connection");
        String packaging = text(project, "packaging");
        if (packaging.isEmpty() || packaging.equals("jar")) {
            jars(artifactId, pomFile);
        }
        if (DISTRIBUTIONS.contains(artifactId)) {
            distribution(artifactId, pomFile);
        }
    }

    /**
     * A command line's distribution archive ({@code -bin.tar.gz}, README "Command line"): checksums,
     * one time on every entry, an executable {@code bin/heart}, and in {@code lib/} the module's own
     * jar and each heart module it runs on.
     */
    private void distribution(String artifactId, Path pomFile) throws Exception {
        String base = pomFile.getFileName().toString().replaceFirst("\\.pom$", "");
        Path archive = pomFile.resolveSibling(base + "-bin.tar.gz");
        check(Files.isRegularFile(archive), artifactId + ": no distribution archive " + archive.getFileName());
        if (!Files.isRegularFile(archive)) {
            return;
        }
        checksums(archive);
        Map<String, long[]> entries = new TreeMap<>(); // name -> {mode, mtime}
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            byte[] header = new byte[512];
            String longName = null;
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                long size = octal(header, 124, 12);
                byte[] data = in.readNBytes((int) ((size + 511) / 512 * 512));
                char type = (char) header[156];
                if (type == 'x' || type == 'L') { // a POSIX or GNU long name for the next entry
                    String text = new String(data, 0, (int) size, java.nio.charset.StandardCharsets.UTF_8);
                    java.util.regex.Matcher path = java.util.regex.Pattern.compile("\\d+ path=([^\\n]*)\\n").matcher(text);
                    longName = type == 'L' ? text.replace("\0", "") : path.find() ? path.group(1) : longName;
                    continue;
                }
                String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
                longName = null;
                entries.put(full, new long[] {octal(header, 100, 8), octal(header, 136, 12)});
            }
        }
        Set<Long> times = new TreeSet<>();
        entries.values().forEach(e -> times.add(e[1]));
        check(times.size() == 1, archive.getFileName() + ": entries carry " + times.size()
                + " different times; project.build.outputTimestamp should give them one");
        String root = entries.keySet().stream().findFirst().map(n -> n.substring(0, n.indexOf('/') + 1)).orElse("");
        long[] script = entries.get(root + "bin/heart");
        check(script != null && (script[0] & 0111) == 0111, archive.getFileName() + ": no executable " + root + "bin/heart");
        String version = pomFile.getParent().getFileName().toString();
        for (String module : List.of(artifactId, "heart-api", "heart-engine", "heart-transport-tcp")) {
            check(entries.containsKey(root + "lib/" + module + "-" + version + ".jar"),
                    archive.getFileName() + ": no " + root + "lib/" + module + "-" + version + ".jar");
        }
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = field(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private void jars(String artifactId, Path pomFile) throws Exception {
        String base = pomFile.getFileName().toString().replaceFirst("\\.pom$", "");
        Path dir = pomFile.getParent();
        for (String classifier : List.of("", "-sources", "-javadoc")) {
            Path jar = dir.resolve(base + classifier + ".jar");
            check(Files.isRegularFile(jar), artifactId + ": no " + jar.getFileName());
            if (!Files.isRegularFile(jar)) {
                continue;
            }
            checksums(jar);
            try (JarFile file = new JarFile(jar.toFile())) {
                Set<Long> times = new TreeSet<>();
                List<String> names = new ArrayList<>();
                file.stream().forEach(e -> {
                    times.add(e.getTime());
                    names.add(e.getName());
                });
                check(times.size() == 1, jar.getFileName() + ": entries carry " + times.size()
                        + " different times; project.build.outputTimestamp should give them one");
                switch (classifier) {
                    case "" -> {
                        Manifest manifest = file.getManifest();
                        String title = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Title");
                        String version = manifest == null ? null : manifest.getMainAttributes().getValue("Implementation-Version");
                        check(title != null && !title.isBlank(), jar.getFileName() + ": no Implementation-Title");
                        check(version != null && dir.getFileName().toString().equals(version),
                                jar.getFileName() + ": Implementation-Version " + version + ", expected " + dir.getFileName());
                        // a class-path-only module (README says which) names its module in the manifest instead
                        String automatic = manifest == null ? null : manifest.getMainAttributes().getValue("Automatic-Module-Name");
                        check(names.contains("module-info.class") || automatic != null && !automatic.isBlank(),
                                jar.getFileName() + ": no module-info.class nor Automatic-Module-Name");
                    }
                    case "-sources" -> check(names.stream().anyMatch(n -> n.endsWith(".java")),
                            jar.getFileName() + ": no .java file");
                    default -> check(names.contains("index.html"), jar.getFileName() + ": no index.html");
                }
            }
        }
    }

    private void checksums(Path file) throws Exception {
        byte[] content = Files.readAllBytes(file);
        for (String algorithm : List.of("md5", "sha1")) {
            Path sum = file.resolveSibling(file.getFileName() + "." + algorithm);
            check(Files.isRegularFile(sum), file.getFileName() + ": no ." + algorithm);
            if (Files.isRegularFile(sum)) {
                String want = HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.equals("md5") ? "MD5" : "SHA-1")
                        .digest(content));
                String got = Files.readString(sum).trim().split("\\s+")[0];
                check(want.equalsIgnoreCase(got), sum.getFileName() + " does not match the file");
            }
        }
    }

    /** The one .pom under dev/heart/artifactId/version/, or null (recorded as a problem). */
    private Path pom(String artifactId) throws IOException {
        Path dir = groupDir.resolve(artifactId);
        List<Path> poms = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir, 2)) {
                files.filter(f -> f.toString().endsWith(".pom")).forEach(poms::add);
            }
        }
        check(poms.size() == 1, artifactId + ": expected one staged pom, found " + poms
                + " (stage into a clean target/central-staging)");
        return poms.size() == 1 ? poms.get(0) : null;
    }

    private Element parentOf(Element project, String artifactId) throws Exception {
        Element parent = child(project, "parent");
        check(parent != null && GROUP.equals(text(parent, "groupId")) && "heart-parent".equals(text(parent, "artifactId")),
                artifactId + ": its parent is not dev.heart:heart-parent");
        Path parentPom = pom("heart-parent");
        return parentPom == null ? null : parse(parentPom).getDocumentElement();
    }

    private static String inherited(Element project, Element parent, String field) {
        String own = text(project, field);
        return !own.isBlank() || parent == null ? own : text(parent, field);
    }

    private static Element or(Element a, Element b) {
        return a != null ? a : b;
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(false);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
