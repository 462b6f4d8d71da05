package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

class DefaultGatewayGroupTest {
    @Test
    void reportsAFailoverGroupAsDefaultAndNamesTheRealIpMember() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.OPENVPN)
                .group("EDGE2_VPNV4|1", "EDGE1_VPNV4|2").defaultGateway("FAILOVER").liveDefaultVia("2").audit();
        Finding f = findings(r, Code.DEFAULT_GATEWAY_GROUP).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("EDGE2_VPNV4 (tier 1)"), f.message());
        assertTrue(f.message().contains("real-IP paths via EDGE2_VPNV4"), f.message());
        assertEquals(Verdict.PRESERVED, verdict(r, "EDGE2_VPNV4"));
        assertFalse(has(r, Code.DEFAULT_ROUTE_DRIFT));
    }

    @Test
    void reportsDriftWhenTheGroupHasFailedOverInTheTable() {
        AuditResult r = SnapshotFixture.threeEdges().group("EDGE2_VPNV4|1", "EDGE1_VPNV4|2").defaultGateway("FAILOVER")
                .liveDefaultVia("1").audit();
        assertTrue(has(r, Code.DEFAULT_ROUTE_DRIFT));
    }

    @Test
    void staysQuietForASingleDefaultGateway() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.DEFAULT_GATEWAY_GROUP));
    }
}
