package ops.defaultgw;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import ops.audit.AuditResult;
import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

/** default-route's refusal of a default that breaks paths that work now, predicted from the model before and after. */
class DefaultRouteInterlockTest {
    private static SnapshotFixture openVpnTab() {
        return SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN);
    }

    @Test
    void refusesADefaultThatTurnsAWorkingRealIpPathTriangular() {
        AuditResult before = openVpnTab().masquerade(1, false).audit();
        AuditResult after = openVpnTab().masquerade(1, false).defaultGateway("EDGE2_VPNV4").liveDefaultVia("2").audit();
        assertEquals(Optional.of("it would break paths that work now: EDGE1_VPNV4 tcp/443 would turn TRIANGULAR (replies would leave by "
                + "EDGE2_VPNV4); first `nat-toggle fw1 EDGE1_VPNV4 on`, or pass their traffic with a reply-to rule on their interface tab"),
                DefaultRoute.worse("fw1", before, after));
    }

    @Test
    void aPathAlreadyBrokenIsNotMadeWorse() {
        AuditResult before = openVpnTab().masquerade(2, false).audit(); // EDGE2 triangular already
        AuditResult after = openVpnTab().masquerade(2, false).defaultGateway("EDGE3_VPNV4").liveDefaultVia("3").audit();
        assertEquals(Optional.empty(), DefaultRoute.worse("fw1", before, after));
    }

    @Test
    void movingTheDefaultToTheRealIpGatewayOnlyMends() {
        AuditResult before = openVpnTab().masquerade(2, false).audit();
        AuditResult after = openVpnTab().masquerade(2, false).defaultGateway("EDGE2_VPNV4").liveDefaultVia("2").audit();
        assertEquals(Optional.empty(), DefaultRoute.worse("fw1", before, after));
    }

    @Test
    void replyToKeepsARealIpPathWhereverTheDefaultGoes() {
        AuditResult before = SnapshotFixture.threeEdges().masquerade(1, false).audit(); // own tabs: reply-to
        AuditResult after = SnapshotFixture.threeEdges().masquerade(1, false).defaultGateway("EDGE2_VPNV4").liveDefaultVia("2").audit();
        assertEquals(Optional.empty(), DefaultRoute.worse("fw1", before, after));
    }

    @Test
    void theFirewallIsQuotedAsTheUserMustTypeIt() {
        AuditResult before = openVpnTab().masquerade(1, false).audit();
        AuditResult after = openVpnTab().masquerade(1, false).defaultGateway("EDGE2_VPNV4").liveDefaultVia("2").audit();
        assertTrue(DefaultRoute.worse("admin@fw 1", before, after).orElseThrow().contains("`nat-toggle 'admin@fw 1' EDGE1_VPNV4 on`"));
    }
}
