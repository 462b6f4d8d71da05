package ops.audit;

import static ops.support.Results.path;
import static ops.support.Results.verdict;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

class PathVerdictTest {
    @Test
    void masqueradingEdgesAreSymmetricButHideTheClient() {
        AuditResult r = SnapshotFixture.threeEdges().audit();
        assertEquals(Verdict.MASQUERADED, verdict(r, "EDGE1_VPNV4"));
        assertEquals("10.8.2.1", path(r, "EDGE2_VPNV4").serverSees());
        assertEquals(3, r.paths().size());
    }

    @Test
    void nonMasqueradeEdgeOnTheDefaultRouteKeepsTheClientIp() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).defaultGateway("EDGE2_VPNV4").liveDefaultVia("2")
                .passRulesOn(Tab.OPENVPN).audit();
        assertEquals(Verdict.PRESERVED, verdict(r, "EDGE2_VPNV4"));
        assertEquals("client", path(r, "EDGE2_VPNV4").serverSees());
        assertFalse(path(r, "EDGE2_VPNV4").replyTo());
    }

    @Test
    void nonMasqueradeEdgeOffTheDefaultRouteIsTriangularWithoutReplyTo() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.OPENVPN).audit();
        assertEquals(Verdict.TRIANGULAR, verdict(r, "EDGE2_VPNV4"));
        assertEquals("EDGE1_VPNV4", path(r, "EDGE2_VPNV4").replyLeavesBy());
    }

    @Test
    void replyToOnTheInterfaceTabPinsRepliesToTheArrivalGateway() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.INTERFACE).audit();
        assertEquals(Verdict.PRESERVED, verdict(r, "EDGE2_VPNV4"));
        assertTrue(path(r, "EDGE2_VPNV4").replyTo());
        assertEquals("EDGE2_VPNV4 (reply-to)", path(r, "EDGE2_VPNV4").replyLeavesBy());
    }

    @Test
    void moreSpecificSplitRoutesBeatTheDefaultRoute() {
        // default via EDGE2 in config and table, but 0/1 + 128/1 via EDGE1 win for every public client
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).defaultGateway("EDGE2_VPNV4")
                .splitDefaultVia("1").passRulesOn(Tab.OPENVPN).audit();
        assertEquals(Verdict.TRIANGULAR, verdict(r, "EDGE2_VPNV4"));
        assertEquals("EDGE1_VPNV4", path(r, "EDGE2_VPNV4").replyLeavesBy());
    }

    @Test
    void aDownGatewayMakesItsPathsDown() {
        AuditResult r = SnapshotFixture.threeEdges().down(3).audit();
        assertEquals(Verdict.DOWN, verdict(r, "EDGE3_VPNV4"));
    }

    @Test
    void aMissingTunnelRouteMeansTheTunnelIsDownEvenWithoutStatus() {
        AuditResult r = SnapshotFixture.threeEdges().withoutGatewayStatus().tunnelRouteGone(3).audit();
        assertEquals(Verdict.DOWN, verdict(r, "EDGE3_VPNV4"));
    }

    @Test
    void anEdgeNotReadGivesUnknownPathsFromThePortForwards() {
        AuditResult r = SnapshotFixture.threeEdges().edgeNotRead(3).audit();
        assertEquals(Verdict.UNKNOWN, verdict(r, "EDGE3_VPNV4"));
        assertEquals("unknown", path(r, "EDGE3_VPNV4").serverSees());
        assertEquals("tcp/443", path(r, "EDGE3_VPNV4").service());
    }

    @Test
    void nftablesEdgesReadTheSameAsIptablesEdges() {
        AuditResult masq = SnapshotFixture.threeEdges().nft(3).audit();
        assertEquals(Verdict.MASQUERADED, verdict(masq, "EDGE3_VPNV4"));
        AuditResult real = SnapshotFixture.threeEdges().nft(3).masquerade(3, false).defaultGateway("EDGE3_VPNV4")
                .liveDefaultVia("3").audit();
        assertEquals(Verdict.PRESERVED, verdict(real, "EDGE3_VPNV4"));
    }

    @Test
    void withoutEdgeAddressesAMasqueradeOnTheTunnelStillCounts() {
        AuditResult r = SnapshotFixture.threeEdges().edgeAddressesNotRead(1).audit();
        assertEquals(Verdict.MASQUERADED, verdict(r, "EDGE1_VPNV4"));
        assertEquals("10.8.1.1", path(r, "EDGE1_VPNV4").serverSees()); // the gateway address is the edge's tunnel address
    }

    @Test
    void anEarlierAcceptInPostroutingExemptsTrafficFromMasquerade() {
        String rules = "*nat\n-A PREROUTING -i eth0 -p tcp --dport 443 -j DNAT --to-destination 10.8.1.2:443\n"
                + "-A POSTROUTING -d 10.8.1.2/32 -o tun0 -j ACCEPT\n-A POSTROUTING -o tun0 -j MASQUERADE\nCOMMIT\n";
        AuditResult r = SnapshotFixture.threeEdges().iptables(1, rules).audit();
        assertEquals(Verdict.PRESERVED, verdict(r, "EDGE1_VPNV4"));
    }

    @Test
    void masqueradeInAUserChainIsFollowed() {
        String rules = "*nat\n:EDGE - [0:0]\n-A PREROUTING -i eth0 -p tcp --dport 443 -j DNAT --to-destination 10.8.1.2:443\n"
                + "-A POSTROUTING -j EDGE\n-A EDGE -o tun+ -j MASQUERADE\nCOMMIT\n";
        AuditResult r = SnapshotFixture.threeEdges().iptables(1, rules).audit();
        assertEquals(Verdict.MASQUERADED, verdict(r, "EDGE1_VPNV4"));
    }

    @Test
    void snatToAFixedAddressIsWhatTheServerSees() {
        String rules = "*nat\n-A PREROUTING -i eth0 -p tcp --dport 443 -j DNAT --to-destination 10.8.1.2:443\n"
                + "-A POSTROUTING -o tun0 -j SNAT --to-source 10.8.1.1\nCOMMIT\n";
        AuditResult r = SnapshotFixture.threeEdges().iptables(1, rules).audit();
        assertEquals(Verdict.MASQUERADED, verdict(r, "EDGE1_VPNV4"));
        assertEquals("10.8.1.1", path(r, "EDGE1_VPNV4").serverSees());
    }

    @Test
    void masqueradeOnlyOnThePublicInterfaceDoesNotHideClients() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).audit();
        assertEquals(Verdict.PRESERVED, verdict(r, "EDGE1_VPNV4"));
    }

    @Test
    void aDnatNotIntoTheTunnelIsNotAPublishedPath() {
        String rules = "*nat\n-A PREROUTING -i eth0 -p tcp --dport 8080 -j DNAT --to-destination 203.0.113.11:80\n"
                + "-A PREROUTING -i eth0 -p tcp --dport 443 -j DNAT --to-destination 10.8.1.2:443\nCOMMIT\n";
        AuditResult r = SnapshotFixture.threeEdges().iptables(1, rules).audit();
        assertEquals(1, r.paths().stream().filter(p -> p.gateway().equals("EDGE1_VPNV4")).count());
    }

    @Test
    void multiportDnatPublishesEachPort() {
        String rules = "*nat\n-A PREROUTING -i eth0 -p tcp -m multiport --dports 80,443 -j DNAT --to-destination 10.8.1.2\nCOMMIT\n";
        AuditResult r = SnapshotFixture.threeEdges().iptables(1, rules).audit();
        assertEquals(2, r.paths().stream().filter(p -> p.gateway().equals("EDGE1_VPNV4")).count());
    }
}
