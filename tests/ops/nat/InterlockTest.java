package ops.nat;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import ops.audit.AuditResult;
import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

/** The refusals of `nat-toggle off`, predicted from the model before and after. */
class InterlockTest {
    @Test
    void refusesOffWhenRepliesWouldLeaveByTheDefaultGateway() {
        AuditResult before = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).audit();
        AuditResult after = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(2, false).audit();
        List<String> r = NatToggle.interlocks("fw1", "EDGE2_VPNV4", false, before, after);
        assertEquals(1, r.size());
        assertTrue(r.get(0).contains("EDGE1_VPNV4") && r.get(0).contains("real-ip fw1 set EDGE2_VPNV4"), r.get(0));
    }

    @Test
    void allowsOffOnTheDefaultGateway() {
        AuditResult before = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).audit();
        AuditResult after = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(1, false).audit();
        assertTrue(NatToggle.interlocks("fw1", "EDGE1_VPNV4", false, before, after).isEmpty());
    }

    @Test
    void refusesASecondRealIpGatewayWithoutReplyTo() {
        AuditResult before = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(1, false).audit();
        // EDGE2 passed with reply-to on its own tab would be fine; on the OpenVPN tab it is not
        AuditResult after = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(1, false).masquerade(2, false).audit();
        List<String> r = NatToggle.interlocks("fw1", "EDGE2_VPNV4", false, before, after);
        assertTrue(r.stream().anyMatch(x -> x.contains("second real-IP gateway")), r.toString());
    }

    @Test
    void allowsASecondRealIpGatewayCoveredByReplyTo() {
        AuditResult before = SnapshotFixture.threeEdges().masquerade(1, false).audit();
        AuditResult after = SnapshotFixture.threeEdges().masquerade(1, false).masquerade(2, false).audit();
        assertTrue(NatToggle.interlocks("fw1", "EDGE2_VPNV4", false, before, after).isEmpty());
    }

    @Test
    void neverRefusesOn() {
        AuditResult r = SnapshotFixture.threeEdges().audit();
        assertTrue(NatToggle.interlocks("fw1", "EDGE2_VPNV4", true, r, r).isEmpty());
    }
}
