package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

class MultipleRealIpGatewaysTest {
    @Test
    void reportsTwoRealIpGatewaysWithoutReplyTo() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).masquerade(2, false).passRulesOn(Tab.OPENVPN).audit();
        Finding f = findings(r, Code.MULTIPLE_REAL_IP_GATEWAYS).get(0);
        assertTrue(f.message().contains("EDGE1_VPNV4") && f.message().contains("EDGE2_VPNV4"), f.message());
    }

    @Test
    void staysQuietWhenReplyToCoversEveryRealIpGateway() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).masquerade(2, false).passRulesOn(Tab.INTERFACE).audit();
        assertFalse(has(r, Code.MULTIPLE_REAL_IP_GATEWAYS));
    }

    @Test
    void staysQuietWithOneRealIpGateway() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).passRulesOn(Tab.OPENVPN).audit();
        assertFalse(has(r, Code.MULTIPLE_REAL_IP_GATEWAYS));
    }
}
