package ops.report;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.model.TopologyBuilder;
import ops.support.Repo;
import ops.support.ScriptJvm;
import ops.support.ScriptProcess;
import ops.text.Shell;
import org.junit.jupiter.api.Test;

/** Colour in the terminal: verdicts, statuses and severities painted at a terminal, never in a pipe, a file or with NO_COLOR. */
class ColourTest {
    private static final String ESC = "\u001b[";

    private static AuditResult doubleNat() {
        return Analyzer.analyze(TopologyBuilder.build(ops.snapshot.SnapshotDir.read(Repo.path("examples/double-nat"))));
    }

    @Test
    void onlyATerminalWithoutNoColorAndWithoutAFileGetsColour() {
        assertTrue(Colour.wanted(true, null, false));
        assertTrue(Colour.wanted(true, "", false), "NO_COLOR counts only when it is not empty (no-color.org)");
        assertFalse(Colour.wanted(true, "1", false));
        assertFalse(Colour.wanted(false, null, false));
        assertFalse(Colour.wanted(true, null, true), "never into an --output file");
    }

    @Test
    void paintedTextIsThePlainTextWithVerdictsStatusAndSeveritiesInColour() {
        AuditReport r = new AuditReport(doubleNat());
        String plain = TextRenderer.render(r, false), painted = TextRenderer.render(r, true);
        assertFalse(plain.contains(ESC));
        assertEquals(plain, painted.replaceAll("\u001b\\[[0-9;]*m", ""), "the columns still line up once the colour is taken away");
        assertTrue(painted.startsWith("route-audit ") && painted.contains("double-nat: " + ESC + "1;31mCRITICAL" + ESC + "0m (1 critical"), painted);
        assertTrue(painted.contains(ESC + "1;31mTRIANGULAR" + ESC + "0m"), "a triangular path in red");
        assertTrue(painted.contains(ESC + "33mMASQUERADED" + ESC + "0m"));
        assertTrue(painted.contains("\n" + ESC + "1;31mCRITICAL" + ESC + "0m RA101 "), "a finding's severity");
        assertFalse(painted.contains(ESC + "32mOK"), "only the words that are verdicts: " + painted);
    }

    /** The script itself, on a real pseudo-terminal (util-linux `script`), then with NO_COLOR, then into a pipe. */
    @Test
    void theScriptPaintsOnlyOnATerminalWithoutNoColor() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux's script is not installed (needed for a pseudo-terminal)");
        List<String> java = ScriptJvm.command("RouteAudit", List.of("--snapshot", "examples/double-nat"));
        String cmd = String.join(" ", java.stream().map(Shell::quote).toList());
        assertTrue(atTerminal(cmd, Map.of()).contains(ESC + "1;31mTRIANGULAR"), "painted at a terminal");
        assertFalse(atTerminal(cmd, Map.of("NO_COLOR", "1")).contains(ESC), "NO_COLOR");
        Path file = Files.createTempFile("ops-colour", ".txt");
        try {
            atTerminal(cmd + " -o " + Shell.quote(file.toString()) + "; cat " + Shell.quote(file.toString()), Map.of());
            String written = Files.readString(file);
            assertTrue(written.contains("TRIANGULAR") && !written.contains(ESC), "into a file named by -o: " + written);
        } finally {
            Files.deleteIfExists(file);
        }
        ScriptProcess.Result piped = ScriptProcess.run(Map.of(), "route-audit", "--snapshot", "examples/double-nat");
        assertEquals(2, piped.exit());
        assertTrue(piped.out().contains("TRIANGULAR") && !piped.out().contains(ESC), "a pipe gets plain text");
    }

    private static String atTerminal(String cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", cmd, "/dev/null").directory(Repo.root().toFile());
        pb.environment().remove("NO_COLOR");
        pb.environment().keySet().removeIf(k -> k.startsWith("OPS_"));
        pb.environment().putAll(env);
        Process p = pb.redirectInput(new java.io.File("/dev/null")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        assertTrue(out.contains("TRIANGULAR"), () -> "exit " + p.exitValue() + " of " + cmd + ": " + out);
        return out;
    }
}
