package ops.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a cache entry left broken by an older, unlocked run (a jar without its main class, a
 * jar cut short, a jar packed from a half-written classes folder) is noticed by the next run and
 * rebuilt once, without anyone clearing the cache.
 */
@Tag("slow") // minutes of JBang builds or many sshds: a JVM of its own in tests/run (runner.Job), beside the others
class CacheHealTest {
    static final String[] ARGS = {"--snapshot", "examples/double-nat", "--format", "nagios"};
    static final String REPORT = "ROUTE-AUDIT CRITICAL - EDGE2_VPNV4: the edge does not masquerade";

    @Test
    void theNextRunRebuildsABrokenEntryOnce(@TempDir Path temp) throws Exception {
        Launcher launcher = Launcher.ofRepo(temp);
        assertReport(launcher.run("route-audit", ARGS));
        Path jar = launcher.entry("route-audit").resolve("route-audit.jar");

        healed(launcher, jar, () -> rewrite(jar, e -> !e.equals("RouteAudit.class")), false);
        healed(launcher, jar, () -> Files.write(jar, java.util.Arrays.copyOf(Files.readAllBytes(jar), (int) Files.size(jar) / 2)), false);
        // the shared lib's jar, packed from a half-written classes folder, and the launch answers gone too (an older launcher)
        Path lib = launcher.entry("OpsLib").resolve("OpsLib.jar");
        healed(launcher, lib, () -> rewrite(lib, e -> !e.startsWith("ops/probe/")), true);
    }

    /**
     * The same where a real JBang on PATH runs the script (./jbang built it once, then hands each
     * run to that JBang): a jar broken after the build is noticed by the next run and rebuilt once.
     */
    @Test
    void withAJbangOnPathTheNextRunRebuildsAnEntryBrokenAfterTheBuild(@TempDir Path temp) throws Exception {
        Launcher launcher = Launcher.ofRepo(temp).withJbangOnPath(temp);
        assertReport(launcher.run("route-audit", ARGS));
        Path jar = launcher.entry("route-audit").resolve("route-audit.jar");

        // JBang itself rebuilds a jar it cannot read, but unlocked (the race of jbangdev/jbang#2445): here
        // ./jbang must notice each breakage and rebuild under its lock before that JBang runs
        healedUnderTheLock(launcher, jar, () -> rewrite(jar, e -> !e.equals("RouteAudit.class")), "no RouteAudit.class");
        healedUnderTheLock(launcher, jar, () -> Files.write(jar, java.util.Arrays.copyOf(Files.readAllBytes(jar), (int) Files.size(jar) / 2)),
                "not a readable jar");
        Path lib = launcher.entry("OpsLib").resolve("OpsLib.jar");
        healedUnderTheLock(launcher, lib, () -> rewrite(lib, e -> !e.startsWith("ops/probe/")), "no ops/probe/");
    }

    interface Break { void apply() throws IOException; }

    private static void healed(Launcher launcher, Path jar, Break damage, boolean forgetAnswers) throws Exception {
        damage.apply();
        if (forgetAnswers) deleteTree(launcher.opsCache.resolve("launch"));
        assertReport(launcher.run("route-audit", ARGS));
        assertRebuiltOnce(launcher, jar);
    }

    /** With a jbang on PATH: ./jbang's log names what was broken, and that JBang did not build again on its own. */
    private static void healedUnderTheLock(Launcher launcher, Path jar, Break damage, String why) throws Exception {
        damage.apply();
        Launcher.Result r = launcher.run("route-audit", ARGS);
        assertReport(r);
        assertTrue(Files.readString(launcher.opsCache.resolve("logs/route-audit.log")).contains("is broken (" + why),
                () -> "noticed as broken (" + why + "): " + read(launcher.opsCache.resolve("logs/route-audit.log")));
        assertTrue(!r.err().contains("Building jar"), () -> "the jbang on PATH built it again, unlocked: " + r.err());
        assertRebuiltOnce(launcher, jar);
    }

    /** The broken jar (the script's or the shared lib's, at the same place) was built once more, whole. */
    private static void assertRebuiltOnce(Launcher launcher, Path jar) throws Exception {
        String log = Files.readString(launcher.opsCache.resolve("logs/route-audit.log"));
        String source = jar.getFileName().toString().replace(".jar", ".java");
        assertEquals(1, log.split("Building jar for " + source, -1).length - 1, source + " rebuilt once: " + log);
        try (ZipFile z = new ZipFile(jar.toFile())) {
            String expected = source.equals("OpsLib.java") ? "ops/probe/Judge.class" : "RouteAudit.class";
            assertTrue(z.getEntry(expected) != null, "the rebuilt jar is whole: " + expected);
        }
        assertReport(launcher.run("route-audit", ARGS));   // and stays healed
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }

    static void assertReport(Launcher.Result r) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.out().startsWith(REPORT), r.out() + r.err());
    }

    private static void rewrite(Path jar, Predicate<String> keep) throws IOException {
        Path tmp = jar.resolveSibling("rewrite.tmp");
        try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                if (!keep.test(e.getName())) continue;
                out.putNextEntry(new ZipEntry(e.getName()));
                try (var s = in.getInputStream(e)) { s.transferTo(out); }
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(java.util.Comparator.reverseOrder())::iterator) Files.delete(p);
        }
    }
}
