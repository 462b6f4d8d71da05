import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import ops.support.Run;
import org.junit.jupiter.api.Test;

/** source-ip-check's command line without any network: usage errors, help, and a firewall that does not answer. */
class SourceIpCheckCliTest {
    private static Run check(String... args) {
        return Run.of(new SourceIpCheckCommand(), args);
    }

    @Test
    void contradictingOrBadOptionsAreOneLineAndUnknown() {
        String[][] cases = {
                {"--all and --gateway contradict each other", "fw1", "--all", "--gateway", "EDGE1_VPNV4"},
                {"--expect-ip 198.51.100: not an IPv4 address", "fw1", "--expect-ip", "198.51.100"},
                {"--echo-url ftp://echo.test/: give an http:// or https:// URL", "fw1", "--echo-url", "ftp://echo.test/"},
                {"--port 70000: not a TCP port", "fw1", "--port", "70000"},
                {"--timeout 0.0: give 0.1 to 60 seconds", "fw1", "--timeout", "0"},
                {"--json and --format nagios contradict each other", "fw1", "--json", "--format", "nagios"},
                {"Missing required parameter: 'FIREWALL'"}};
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            Run r = check(args);
            assertEquals(3, r.code(), String.join(" ", args));
            assertTrue(r.oneLineError(), r.err());
            assertTrue(r.err().startsWith("source-ip-check: ") && r.err().contains(c[0]), r.err());
        }
    }

    @Test
    void helpDocumentsTheExitCodesAndTheOptions() {
        Run r = check("--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"FIREWALL", "--gateway", "--all", "--port", "--from", "--expect-ip", "--echo-url", "--no-echo",
                "--compare", "--timeout", "--http-ports", "--edge", "--ssh-config", "--format", "--json", "--quiet",
                "0   OK: every checked path is PRESERVED", "1   WARNING: a path is MASQUERADED", "2   CRITICAL: a path is TRIANGULAR",
                "3   UNKNOWN: a path could not be told", "NOT-REACHED (nothing arrived)"}) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
    }

    @Test
    void aFirewallThatDoesNotAnswerIsOneLineAndTheMonitoringFormatsSayUnknown() throws IOException {
        Path config = Files.createTempFile("ssh_config", "");
        try {
            Run r = check("root@127.0.0.1:1", "-F", config.toString(), "--connect-timeout", "2", "--format", "nagios", "--expect-ip", "192.0.2.1");
            assertEquals(3, r.code());
            assertTrue(r.oneLineError(), r.err());
            assertTrue(r.err().startsWith("source-ip-check: root@127.0.0.1:1"), r.err());
            assertTrue(r.out().startsWith("SOURCE-IP-CHECK UNKNOWN - root@127.0.0.1:1"), r.out());
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
