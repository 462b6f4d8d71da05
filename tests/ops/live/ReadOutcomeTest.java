package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import ops.ssh.CommandResult;
import org.junit.jupiter.api.Test;

class ReadOutcomeTest {
    static CommandResult result(String cmd, String out, String err, int exit) {
        return new CommandResult(cmd, out, err, Optional.of(exit), Optional.empty());
    }

    @Test
    void rootReadsRunPlainAndOtherUsersGoThroughSudoN() {
        assertEquals("pfctl -sr", RemoteRead.PF_RULES.commandFor("root"));
        // pfSense's admin is uid 0 too, so the uid is tested remotely, in the same exec
        assertEquals("if [ \"$(id -u)\" = 0 ]; then pfctl -sr; else sudo -n pfctl -sr; fi", RemoteRead.PF_RULES.commandFor("admin"));
        assertEquals("netstat -rnW", RemoteRead.ROUTES.commandFor("admin"), "reading routes needs no root");
        assertTrue(RemoteRead.IPTABLES.commandFor("ops").contains("else sudo -n iptables-save; fi"));
        assertEquals("ip -j addr", RemoteRead.ADDR.commandFor("ops"));
    }

    @Test
    void aSudoRefusalNamesTheCommandTheUserAndTheSudoersLine() {
        ReadOutcome o = ReadOutcome.of(RemoteRead.PF_RULES, "fw1 (ops@192.0.2.1)", "ops",
                result(RemoteRead.PF_RULES.commandFor("ops"), "", "sudo: a password is required\n", 1));
        assertEquals("fw1 (ops@192.0.2.1): sudo refused `pfctl -sr` for user ops (sudo: a password is required); allow it "
                + "without a password in sudoers, e.g. `ops ALL=(root) NOPASSWD: /sbin/pfctl -sr`, or log in as root", o.problem().orElseThrow());
        assertTrue(o.text().isEmpty());
    }

    @Test
    void aMissingSudoSaysSo() {
        ReadOutcome o = ReadOutcome.of(RemoteRead.IPTABLES, "edge1", "ops", result(RemoteRead.IPTABLES.commandFor("ops"), "", "sh: 1: sudo: not found\n", 127));
        assertTrue(o.problem().orElseThrow().startsWith("edge1: sudo is not installed, and user ops needs it for `iptables-save`"));
    }

    @Test
    void noRouterFilesMeansNoDynamicGatewaysNotAFailure() {
        ReadOutcome o = ReadOutcome.of(RemoteRead.ROUTERS, "fw1", "root",
                result("grep -H . /tmp/*_router", "", "grep: /tmp/*_router: No such file or directory\n", 2));
        assertEquals(Optional.of(""), o.text());
        assertTrue(o.problem().isEmpty());
    }

    @Test
    void anyOtherFailureQuotesStatusAndFirstErrorLine() {
        ReadOutcome o = ReadOutcome.of(RemoteRead.GATEWAY_STATUS, "fw1", "root",
                result("pfSsh.php playback gatewaystatus", "", "\nsh: pfSsh.php: not found\nmore\n", 127));
        assertEquals("fw1: `pfSsh.php playback gatewaystatus` failed (exit 127: sh: pfSsh.php: not found)", o.problem().orElseThrow());
    }
}
