package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class PolicyRouteWithoutNatTest {
    @Test
    void reportsLanTrafficPolicyRoutedIntoATunnelInAutomaticMode() {
        AuditResult r = SnapshotFixture.threeEdges().policyRouteLanVia("EDGE2_VPNV4").audit();
        Finding f = findings(r, Code.POLICY_ROUTE_WITHOUT_NAT).get(0);
        assertTrue(f.message().contains("automatic") && f.message().contains("never NATs OpenVPN"), f.message());
    }

    @Test
    void reportsWithGroupsToo() {
        AuditResult r = SnapshotFixture.threeEdges().group("EDGE2_VPNV4|1", "EDGE3_VPNV4|2").policyRouteLanVia("FAILOVER").audit();
        assertEquals(2, findings(r, Code.POLICY_ROUTE_WITHOUT_NAT).size());
    }

    @Test
    void staysQuietWithoutPolicyRouting() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.POLICY_ROUTE_WITHOUT_NAT));
    }

    @Test
    void staysQuietForPolicyRoutingToANonVpnGateway() {
        assertFalse(has(SnapshotFixture.threeEdges().policyRouteLanVia("WAN_DHCP").audit(), Code.POLICY_ROUTE_WITHOUT_NAT));
    }
}
