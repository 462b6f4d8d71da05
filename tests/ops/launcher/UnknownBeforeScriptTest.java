package ops.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: nothing but the script decides the exit code. Whatever fails before its own code
 * runs exits 3 (UNKNOWN) with one line saying what and how to fix, as a Nagios plugin line
 * with --format nagios and as the status gauge in the --format prometheus -o FILE textfile.
 */
@Tag("slow") // minutes of JBang builds or many sshds: a JVM of its own in tests/run (runner.Job), beside the others
class UnknownBeforeScriptTest {
    static final String FIX = "; install JBang (https://www.jbang.dev/download) or Maven/curl plus a JDK 17+ and retry";

    @Test
    void noJdk(@TempDir Path temp) throws Exception {
        Launcher l = Launcher.ofRepo(temp);
        l.env.put("PATH", pathWithout(temp, Set.of("java", "javac", "jbang")));
        l.env.put("JAVA_HOME", "");
        assertUnknown(l, temp, "no JDK found (need javac via JAVA_HOME or PATH)" + FIX);
    }

    @Test
    void jbangNotObtainable(@TempDir Path temp) throws Exception {
        Launcher l = Launcher.ofRepo(temp);
        Files.delete(l.opsCache.resolve("jbang-cli-0.132.1-all.jar"));
        l.env.put("PATH", pathWithout(temp, Set.of("mvn", "jbang")));
        l.env.put("OPS_MAVEN_CENTRAL", "http://127.0.0.1:9/maven2");   // nothing listens there
        assertUnknown(l, temp, "could not download jbang-cli 0.132.1 from Maven Central" + FIX);
        assertEquals(Set.of(), Set.of(l.opsCache.toFile().list((d, n) -> n.endsWith(".jar"))), "no half-downloaded jar left");
    }

    @Test
    void dependencyNotResolvable(@TempDir Path temp) throws Exception {
        Launcher l = Launcher.ofCopy(temp);
        Files.writeString(l.checkout.resolve("lib/ops/MissingDep.java"),
                "//DEPS org.example.nonexistent:no-such-artifact:0.0.1\npackage ops;\nfinal class MissingDep {}\n");
        Path log = l.opsCache.resolve("logs/route-audit.log");
        Launcher.Result r = l.run("route-audit", "--snapshot", "examples/double-nat", "--format", "nagios");
        String line = "could not resolve its dependencies (JBang exit " + exitOf(log) + "); check that this machine reaches Maven Central"
                + " (or your mirror in ~/.m2/settings.xml), then rerun; JBang's log: " + log;
        assertOneLine(r, line);
        assertTrue(Files.readString(log).contains("no-such-artifact"), "the log says which artifact");
    }

    @Test
    void buildFails(@TempDir Path temp) throws Exception {
        Launcher l = Launcher.ofCopy(temp);
        Path broken = l.checkout.resolve("lib/ops/Broken.java");
        Files.writeString(broken, "package ops;\nfinal class Broken { int x = ; }\n");
        Path log = l.opsCache.resolve("logs/route-audit.log");
        Path prom = temp.resolve("route_audit.prom");
        Launcher.Result r = l.run("route-audit", "--snapshot", "examples/double-nat", "--format", "prometheus", "-o", prom.toString());
        String line = "does not compile: " + broken + ":2: error: illegal start of expression; fix the source or update the checkout,"
                + " then rerun; JBang's log: " + log;
        assertEquals(3, r.exit(), r.err());
        assertEquals("route-audit: " + line + "\n", r.err());
        assertTrue(Files.readString(prom).contains("\nops_route_audit_status{target=\"examples/double-nat\"} 3\n"), Files.readString(prom));
    }

    /** --format nagios, then --format prometheus -o FILE: the same line, exit 3 both times. */
    private static void assertUnknown(Launcher l, Path temp, String message) throws Exception {
        assertOneLine(l.run("route-audit", "--snapshot", "examples/double-nat", "--format", "nagios"), message);
        Path prom = temp.resolve("route_audit.prom");
        Launcher.Result r = l.run("route-audit", "--snapshot", "examples/double-nat", "--format", "prometheus", "-o", prom.toString());
        assertEquals(3, r.exit(), r.err());
        assertEquals("route-audit: " + message + "\n", r.err());
        String text = Files.readString(prom);
        assertTrue(text.contains("\nops_route_audit_status{target=\"examples/double-nat\"} 3\n"), text);
        if (ops.monitoring.Promtool.present()) assertEquals(null, ops.monitoring.Promtool.checkMetrics(prom), text);
        assertTrue(text.contains("\nops_route_audit_last_run_timestamp_seconds{target=\"examples/double-nat\"} "), text);
    }

    private static void assertOneLine(Launcher.Result r, String message) {
        assertEquals(3, r.exit(), r.err());
        assertEquals("ROUTE-AUDIT UNKNOWN - examples/double-nat: " + message + "\n", r.out());
        assertEquals("route-audit: " + message + "\n", r.err());
    }

    private static String exitOf(Path log) throws IOException {
        var m = java.util.regex.Pattern.compile("JBang failed \\(exit (\\d+)\\)").matcher(Files.readString(log));
        return m.find() ? m.group(1) : "?";
    }

    /** A PATH holding everything of this one except the named commands. */
    private static String pathWithout(Path temp, Set<String> without) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String dir : System.getenv("PATH").split(":")) {
            Path d = Path.of(dir);
            if (!Files.isDirectory(d)) continue;
            try (var s = Files.list(d)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Path link = bin.resolve(p.getFileName());
                    if (!without.contains(p.getFileName().toString()) && !Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, p);
                    }
                }
            }
        }
        return bin.toString();
    }
}
