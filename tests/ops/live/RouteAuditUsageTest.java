package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class RouteAuditUsageTest {
    @Test
    void neitherFirewallNorSnapshotIsAUsageError() {
        RouteAuditRun r = RouteAuditRun.of();
        assertEquals(3, r.exit());
        assertEquals("route-audit: name either a FIREWALL to read over SSH (or --all) or --snapshot DIR (exactly one) (try --help)\n", r.err());
    }

    @Test
    void bothFirewallAndSnapshotIsAUsageError() {
        RouteAuditRun r = RouteAuditRun.of("fw1", "--snapshot", "examples/double-nat");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("exactly one"), r.err());
    }

    @Test
    void edgesNeedALiveFirewall() {
        RouteAuditRun r = RouteAuditRun.of("--snapshot", "examples/double-nat", "--edge", "EDGE1_VPNV4=edge1");
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("--edge needs a live FIREWALL"), r.err());
    }

    @Test
    void aMissingInventoryNamedOnTheCommandLineIsOneLine() {
        RouteAuditRun r = RouteAuditRun.of("fw1", "--inventory", "/nonexistent/ops.toml");
        assertEquals(3, r.exit());
        assertTrue(r.err().startsWith("route-audit: /nonexistent/ops.toml: no such inventory file (named by --inventory)"), r.err());
    }

    @Test
    void helpShowsTheLiveOptions() {
        RouteAuditRun r = RouteAuditRun.of("--help");
        assertEquals(0, r.exit());
        for (String o : new String[] {"FIREWALL", "--edge", "--accept-new", "--connect-timeout", "--command-timeout", "--ssh-config",
                "--inventory", "--save-snapshot", "--snapshot"}) {
            assertTrue(r.out().contains(o), o);
        }
    }
}
