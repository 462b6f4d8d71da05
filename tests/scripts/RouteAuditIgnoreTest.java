import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import ops.audit.Code;
import ops.base.OpsException;
import ops.support.Run;
import org.junit.jupiter.api.Test;

/** --ignore CODE: an accepted finding is still shown, but leaves the status and the exit code. */
class RouteAuditIgnoreTest {
    private static Run audit(String... args) {
        return Run.of(new RouteAudit(), args);
    }

    @Test
    void ignoredFindingsLeaveTheStatusAndTheExitCodeAndAreCounted() {
        // double-nat: RA101 (critical), RA109 (warning), RA111 (info)
        assertEquals(2, audit("--snapshot", "examples/double-nat").code());
        Run warning = audit("--snapshot", "examples/double-nat", "--ignore", "RA101");
        assertEquals(1, warning.code(), warning.out() + warning.err());
        assertTrue(warning.out().contains("WARNING (0 critical, 1 warning, 2 info; 6 paths; 1 ignored (RA101))"), warning.out());
        assertTrue(warning.out().contains("Ignored (accepted with --ignore or the inventory; not in the status):\nCRITICAL RA101 EDGE2_VPNV4"),
                warning.out());
        Run ok = audit("--snapshot", "examples/double-nat", "--ignore", "ra101", "--ignore", "pass-rule-without-reply-to", "--format", "nagios");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("ROUTE-AUDIT OK - "), ok.out());
        assertTrue(ok.out().lines().findFirst().orElseThrow().endsWith(" ignored=2;;;0"), ok.out());
        Run json = audit("--snapshot", "examples/double-nat", "--ignore", "RA109", "--json");
        assertTrue(json.out().contains("\"ignored\" : [ {") && json.out().contains("\"code\" : \"RA109\""), json.out());
    }

    @Test
    void anUnknownCodeIsOneLineNamingTheClosestAndNothingIsRead() {
        Run r = audit("--snapshot", "no/such/folder", "--ignore", "RA190");
        assertEquals(3, r.code());
        assertEquals("route-audit: unknown finding code 'RA190'; did you mean RA110 (policy-route-without-nat)? every code is in docs/findings.md\n",
                r.err());
    }

    @Test
    void codesParseByIdOrNameInAnyCase() {
        assertEquals(Code.TRIANGULAR_ROUTING, Code.parse("RA101"));
        assertEquals(Code.TRIANGULAR_ROUTING, Code.parse(" triangular-routing "));
        assertEquals(Code.EDGE_NOT_READ, Code.parse("ra112"));
        OpsException e = assertThrows(OpsException.class, () -> Code.parse("triangular"));
        assertTrue(e.getMessage().contains("did you mean RA101 (triangular-routing)"), e.getMessage());
    }

    @Test
    void theInventoryCanAcceptCodesPerFirewall() throws Exception {
        Path f = Files.createTempFile("ops", ".toml");
        try {
            Files.writeString(f, "[firewalls.fw1]\nignore = [\"RA109\", \"client-ip-lost\"]\n");
            var fw = ops.inventory.Inventory.read(f).firewall("fw1").orElseThrow();
            assertEquals(java.util.List.of(Code.PASS_RULE_WITHOUT_REPLY_TO, Code.CLIENT_IP_LOST), fw.ignore());
            Files.writeString(f, "[firewalls.fw1]\nignore = [\"RA19\"]\n");
            OpsException e = assertThrows(OpsException.class, () -> ops.inventory.Inventory.read(f));
            assertTrue(e.getMessage().startsWith(f + ": firewalls.fw1.ignore: unknown finding code 'RA19'"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
