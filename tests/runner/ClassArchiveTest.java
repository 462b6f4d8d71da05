package runner;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ops.support.ScriptJvm;
import org.junit.jupiter.api.Test;

/** Under tests/run, a script JVM a test starts maps the run's class archive: the classes come from it, not from the jars. */
class ClassArchiveTest {
    @Test
    void aScriptJvmLoadsItsClassesFromTheRunsArchive() throws Exception {
        String named = System.getenv(ScriptJvm.ARCHIVE_ENV);
        assumeTrue(named != null, "only under tests/run, which makes the archive");
        assertTrue(Files.isRegularFile(Path.of(named)), "tests/run made no class archive (its reason is a line at the start of the run)");
        List<String> cmd = new ArrayList<>(ScriptJvm.command("RouteAudit", List.of("--help")));
        // -Xshare:on: a JVM that cannot map the archive refuses to start instead of starting without it
        cmd.addAll(1, List.of("-Xshare:on", "-Xlog:class+load=info"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the script JVM hung");
        assertEquals(0, p.exitValue(), out);
        // (picocli's classes are not among them: CDS leaves out class files older than Java 6, and picocli's are Java 5's)
        for (String c : List.of("RouteAudit", "ops.cli.Cli", "ops.base.OpsException")) {
            assertTrue(out.contains(" " + c + " source: shared objects file (top)"), c + " from the run's archive:\n"
                    + out.lines().filter(l -> l.contains(" " + c + " source:")).findFirst().orElse("(not loaded)"));
        }
    }
}
