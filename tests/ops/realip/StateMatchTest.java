package ops.realip;

import static org.junit.jupiter.api.Assertions.*;

import ops.audit.Analyzer;
import ops.model.Topology;
import ops.nat.EdgeMasquerade;
import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

/** What real-ip says after a failure: which of the plan's states a fresh read shows, and `status` in words. */
class StateMatchTest {
    private static SnapshotFixture fixed() {
        return SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(1, false);
    }

    private static Staging plan() {
        Topology t = fixed().topology();
        return Staging.plan(t, EdgeMasquerade.in(t, "EDGE2_VPNV4").orElseThrow(), g -> "edge" + g.charAt(4));
    }

    @Test
    void aReadIsNamedAsThePlannedStateItShows() {
        Staging s = plan();
        assertEquals("the state before the command (default gateway EDGE1_VPNV4, live via EDGE1_VPNV4, EDGE2_VPNV4 masquerades,"
                + " EDGE1_VPNV4 does not masquerade)", StateMatch.describe(fixed().topology(), s));
        assertEquals("the verified, safe state after stage 1, masquerade on for EDGE1_VPNV4 (its paths would turn triangular once the"
                + " default leaves) (default gateway EDGE1_VPNV4, live via EDGE1_VPNV4, EDGE2_VPNV4 masquerades, EDGE1_VPNV4 masquerades)",
                StateMatch.describe(fixed().masquerade(1, true).topology(), s));
        assertEquals("the state the command makes (default gateway EDGE2_VPNV4, live via EDGE2_VPNV4, EDGE2_VPNV4 does not masquerade,"
                + " EDGE1_VPNV4 masquerades)", StateMatch.describe(fixed().masquerade(1, true).masquerade(2, false)
                .defaultGateway("EDGE2_VPNV4").liveDefaultVia("2").topology(), s));
    }

    @Test
    void aReadBetweenStatesSaysSoAndWhatItIs() {
        // the configured default moved, the live route did not: no state the plan goes through
        assertEquals("NOT a state the plan goes through: default gateway EDGE2_VPNV4, live via EDGE1_VPNV4, EDGE2_VPNV4 masquerades,"
                + " EDGE1_VPNV4 masquerades", StateMatch.describe(fixed().masquerade(1, true).defaultGateway("EDGE2_VPNV4").topology(), plan()));
    }

    @Test
    void statusNamesTheOneRealIpGatewayOrWhatIsBroken() {
        Topology fixed = fixed().topology();
        assertEquals("real client IPs reach the server through EDGE1_VPNV4: EDGE1_VPNV4 is the one real-IP gateway (the default route is on it)",
                RealIpStatus.summary(fixed, Analyzer.analyze(fixed)));
        Topology triangular = SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(3, false).topology();
        String said = RealIpStatus.summary(triangular, Analyzer.analyze(triangular));
        assertTrue(said.startsWith("real client IPs reach the server through EDGE3_VPNV4") || said.startsWith("no gateway keeps real client IPs"), said);
        assertTrue(said.contains("BROKEN (triangular: replies leave by another gateway): EDGE3_VPNV4"), said);
        assertEquals("WAN_DHCP (vtnet0): no edge", RealIpStatus.gateways(fixed, Analyzer.analyze(fixed)).get(0));
        assertTrue(RealIpStatus.gateways(fixed, Analyzer.analyze(fixed)).get(1)
                .startsWith("EDGE1_VPNV4 (ovpnc1) [default]: does not masquerade into tun0; paths: tcp/443 PRESERVED"), RealIpStatus.gateways(fixed, Analyzer.analyze(fixed)).toString());
    }
}
