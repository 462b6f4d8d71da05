package ops.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: the scripts share one build of lib/ (lib/OpsLib.java, a JBang project of its own), yet
 * a script is never run against a lib it was not compiled with: JBang keys a script's jar by the
 * script's own files only, so lib/OpsLibDep.java makes the lib's sources files of every user's jar.
 */
@Tag("slow") // minutes of JBang builds or many sshds: a JVM of its own in tests/run (runner.Job), beside the others
class SharedLibTest {
    /**
     * A change that compiles against the script unchanged but not in its old class files: the
     * return type of Cli.run (the call every script's main makes) from int to Integer. A script
     * jar kept from before would stop with NoSuchMethodError.
     */
    @Test
    void aLibChangeRebuildsTheLibOnceAndTheScriptOnTopOfIt(@TempDir Path temp) throws Exception {
        Launcher launcher = Launcher.ofCopy(temp);
        CacheHealTest.assertReport(launcher.run("route-audit", CacheHealTest.ARGS));
        Path cli = launcher.checkout.resolve("lib/ops/cli/Cli.java");
        String before = Files.readString(cli);
        String changed = before.replace("public static int run(Object command, String... args)", "public static Integer run(Object command, String... args)");
        assertTrue(!changed.equals(before), "Cli.run is where this test expects it");
        Files.writeString(cli, changed);

        CacheHealTest.assertReport(launcher.run("route-audit", CacheHealTest.ARGS));
        String log = buildLogs(launcher);
        assertEquals(1, builds(log, "OpsLib.java"), log);
        assertEquals(1, builds(log, "route-audit.java"), "the script rebuilt against the new lib: " + log);
    }

    /** One jar of the lib in the cache, no newer than any of SCRIPTS' jars: compiled once, before them. */
    static void assertOneLibBuiltFirst(Launcher launcher, List<String> scripts) throws IOException {
        try (var s = Files.list(launcher.jbangDir.resolve("cache/jars"))) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("OpsLib.java.")).count(), "one build of the lib");
        }
        FileTime lib = Files.getLastModifiedTime(launcher.entry("OpsLib").resolve("OpsLib.jar"));
        for (String script : scripts) {
            FileTime jar = Files.getLastModifiedTime(launcher.entry(script).resolve(script + ".jar"));
            assertTrue(lib.compareTo(jar) <= 0, () -> "the lib's jar (" + lib + ") was written again after " + script + "'s (" + jar + ")");
        }
    }

    /** JBang's words of the last build of each script (./jbang keeps one log per script). */
    static String buildLogs(Launcher launcher) throws IOException {
        try (var s = Files.list(launcher.opsCache.resolve("logs"))) {
            return s.sorted().map(f -> {
                try {
                    return Files.readString(f);
                } catch (IOException e) {
                    return f + ": " + e;
                }
            }).collect(Collectors.joining("\n"));
        }
    }

    static int builds(String logs, String source) {
        return logs.split("Building jar for " + source + "\\.\\.\\.", -1).length - 1;
    }
}
