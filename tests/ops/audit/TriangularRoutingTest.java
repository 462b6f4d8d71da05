package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

class TriangularRoutingTest {
    @Test
    void reportsTriangularRoutingWhenDefaultRouteIsOnAnotherGateway() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.OPENVPN).audit();
        Finding f = findings(r, Code.TRIANGULAR_ROUTING).get(0);
        assertEquals(Severity.CRITICAL, f.severity());
        assertEquals("EDGE2_VPNV4", f.subject());
        assertTrue(f.message().contains("EDGE1_VPNV4"), f.message());
        assertTrue(f.fix().contains("real-ip FIREWALL set EDGE2_VPNV4"), f.fix());
        assertEquals(2, r.status().code);
    }

    @Test
    void staysQuietWhenTheDefaultRouteIsOnTheRealIpGateway() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).defaultGateway("EDGE2_VPNV4").liveDefaultVia("2")
                .passRulesOn(Tab.OPENVPN).audit();
        assertFalse(has(r, Code.TRIANGULAR_ROUTING));
    }

    @Test
    void staysQuietWhenReplyToCoversThePath() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.INTERFACE).audit();
        assertFalse(has(r, Code.TRIANGULAR_ROUTING));
    }

    @Test
    void staysQuietWhenEveryEdgeMasquerades() {
        assertFalse(has(SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).audit(), Code.TRIANGULAR_ROUTING));
    }

    @Test
    void reportsWhenTheLoadedRulesLackTheReplyToTheConfigPromises() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.INTERFACE).loadedRules(false).audit();
        assertTrue(has(r, Code.TRIANGULAR_ROUTING));
        assertTrue(has(r, Code.REPLY_TO_DRIFT));
    }
}
