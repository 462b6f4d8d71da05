package ops.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

/** A finding's fix names the firewall and every argument its command needs, quoted for the shell. */
class FixesRunAsPrintedTest {
    @Test
    void aSnapshotSaysFirewallALiveAuditNamesItAndTheEdgeItWasGiven() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(SnapshotFixture.Tab.OPENVPN).audit();
        Finding tri = r.findings().stream().filter(f -> f.code() == Code.TRIANGULAR_ROUTING).findFirst().orElseThrow();
        assertTrue(tri.fix().startsWith("real-ip FIREWALL set EDGE2_VPNV4 "), tri.fix());
        assertTrue(tri.fix().endsWith("or nat-toggle FIREWALL EDGE2_VPNV4 on"), tri.fix());

        AuditResult live = r.forFirewall("admin@fw 1", Map.of("EDGE2_VPNV4", "edge2", "EDGE3_VPNV4", "ops@edge 3"));
        Finding fix = live.findings().stream().filter(f -> f.code() == Code.TRIANGULAR_ROUTING).findFirst().orElseThrow();
        assertEquals("real-ip 'admin@fw 1' set EDGE2_VPNV4 --edge EDGE2_VPNV4=edge2 --edge 'EDGE3_VPNV4=ops@edge 3' (make it the one real-IP gateway), give its pass rule reply-to, "
                + "or nat-toggle 'admin@fw 1' EDGE2_VPNV4 on --edge EDGE2_VPNV4=edge2", fix.fix());
        Finding lost = live.findings().stream().filter(f -> f.code() == Code.CLIENT_IP_LOST && f.subject().equals("EDGE3_VPNV4"))
                .findFirst().orElseThrow();
        assertEquals("to keep client IPs: real-ip 'admin@fw 1' set EDGE3_VPNV4 --edge EDGE2_VPNV4=edge2 --edge 'EDGE3_VPNV4=ops@edge 3'"
                + " (the default route, then masquerade off, in the safe order)", lost.fix());
        assertFalse(live.findings().stream().anyMatch(f -> f.fix().contains("FIREWALL")), "every FIREWALL filled in");
    }
}
