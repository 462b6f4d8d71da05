import static org.junit.jupiter.api.Assertions.*;

import ops.support.Run;
import org.junit.jupiter.api.Test;

/** real-ip's command line without any network: its actions, their help with their examples, and wrong usage in one line. */
class RealIpCliTest {
    private static Run realIp(String... args) {
        return Run.of(new RealIpCommand(), args);
    }

    @Test
    void eachActionHasItsOwnHelpWithItsExamples() {
        for (String action : new String[] {"status", "set", "confirm", "undo"}) {
            Run r = realIp("fw1", action, "--help");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: real-ip FIREWALL " + action + " "), r.out());
            String examples = r.out().substring(r.out().indexOf("\nExamples:\n"));
            assertTrue(examples.contains("\n  real-ip fw1 " + action), examples);
            assertFalse(examples.lines().skip(2).anyMatch(l -> !l.startsWith("  real-ip fw1 " + action + " ")
                    && !l.equals("  real-ip fw1 " + action)), "only this action's examples:\n" + examples);
            assertTrue(r.out().contains("--confirm-within") && r.out().contains("Exit codes:"), r.out());
        }
        Run top = realIp("--help");
        assertEquals(0, top.code(), top.err());
        assertTrue(top.out().contains("real-ip fw1 set EDGE2_VPNV4 --dry-run"), top.out());
        Run set = realIp("fw1", "set", "--help");
        assertTrue(set.out().contains("  real-ip fw1 set EDGE2_VPNV4 --yes --from vps1\n"), set.out());
        assertTrue(set.out().contains("--from=HOST") && set.out().contains("--expect-ip=IP") && set.out().contains("--no-echo"), set.out());
    }

    @Test
    void aMisspeltOrIncompleteActionIsOneLineAndUnknown() {
        String[][] cases = {
                {"real-ip: unknown action 'stat' (did you mean status?); use confirm, set GATEWAY, status or undo (try --help)", "fw1", "stat"},
                {"real-ip: missing action; use confirm, set GATEWAY, status or undo (try --help)", "fw1"},
                {"real-ip: Missing required parameter: 'GATEWAY' (try --help)", "fw1", "set"},
                {"real-ip: --confirm-within 3601: give 20 to 3600 seconds", "fw1", "set", "EDGE2_VPNV4", "--confirm-within", "3601"},
                {"real-ip: --expect-ip, --echo-url and --no-echo need --from HOST (the vantage that probes) (try --help)",
                        "fw1", "set", "EDGE2_VPNV4", "--expect-ip", "198.51.100.7"},
                {"real-ip: --expect-ip 198.51.100: not an IPv4 address (try --help)", "fw1", "set", "EDGE2_VPNV4", "--from", "vps1", "--expect-ip", "198.51.100"},
                {"real-ip: --echo-url ftp://echo.test/: give an http:// or https:// URL (try --help)",
                        "fw1", "set", "EDGE2_VPNV4", "--from", "vps1", "--echo-url", "ftp://echo.test/"}};
        for (String[] c : cases) {
            Run r = realIp(java.util.Arrays.copyOfRange(c, 1, c.length));
            assertEquals(3, r.code(), c[0]);
            assertEquals(c[0] + "\n", r.err());
        }
    }
}
