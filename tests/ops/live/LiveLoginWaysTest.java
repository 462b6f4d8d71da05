package ops.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ops.ssh.SshLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * route-audit live against a real sshd serving examples/double-nat, logged in each way an admin's
 * own terminal does it ({@link LoginWays}): each gives the same report as a plain key file.
 */
class LiveLoginWaysTest {
    static final Path EXAMPLE = Path.of("examples/double-nat").toAbsolutePath();
    static SshLab lab;
    static LoginWays ways;
    static RouteAuditRun plain;

    @BeforeAll
    static void up() throws IOException {
        assumeTrue(Files.isDirectory(EXAMPLE), "run from the repository root (examples/double-nat)");
        lab = new SshLab();
        ways = new LoginWays(lab, EXAMPLE);
        plain = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", ways.inventory.toString());
        assertEquals(2, plain.exit(), plain.err()); // double-nat is CRITICAL
    }

    @AfterAll
    static void down() throws IOException {
        if (ways != null) ways.close();
        if (lab != null) lab.close();
    }

    @org.junit.jupiter.api.Test
    void aProxyCommandsStderrShowsOnlyWithDebug() {
        assumeTrue(ops.ssh.SshSettings.findOnPath("nc").isPresent(), "nc not installed (tests/run installs it)");
        String[] args = {"fw-noisy", "-F", lab.sshConfig.toString(), "--inventory", ways.inventory.toString()};
        ops.support.ScriptProcess.Result quiet = ops.support.ScriptProcess.run(java.util.Map.of(), "route-audit", args);
        assertEquals(2, quiet.exit(), quiet.err());
        assertFalse(quiet.err().contains(LoginWays.NOISE), quiet.err());
        String[] debug = java.util.Arrays.copyOf(args, args.length + 1);
        debug[args.length] = "--debug";
        ops.support.ScriptProcess.Result loud = ops.support.ScriptProcess.run(java.util.Map.of(), "route-audit", debug);
        assertEquals(2, loud.exit(), loud.err());
        assertTrue(loud.err().contains(LoginWays.NOISE), loud.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"fw-agent", "fw-nc", "fw-w", "fw-cert"})
    void theLiveAuditGivesTheSameReportAsWithAPlainKeyFile(String alias) {
        if (alias.equals("fw-nc")) assumeTrue(ops.ssh.SshSettings.findOnPath("nc").isPresent(), "nc not installed (tests/run installs it)");
        RouteAuditRun run = RouteAuditRun.of(alias, "-F", lab.sshConfig.toString(), "--inventory", ways.inventory.toString());
        assertEquals(plain.exit(), run.exit(), run.err());
        assertEquals(plain.reportWithout("fw"), run.reportWithout(alias));
        assertTrue(run.out().startsWith("route-audit " + alias + ": CRITICAL"), run.out());
    }
}
