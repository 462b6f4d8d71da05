package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import ops.audit.AuditResult;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

/** Which paths are probed, and where the edge's public address comes from (never guessed). */
class ProbeTargetsTest {
    private static List<ProbeTarget> select(SnapshotFixture f, List<String> gateways, Optional<Integer> port) {
        Topology t = f.topology();
        AuditResult a = f.audit();
        return ProbeTargets.select(t, a.paths(), gateways, port);
    }

    private static List<ProbeTarget> all(SnapshotFixture f) {
        return select(f, List.of(), Optional.empty());
    }

    @Test
    void everyPathOfRouteAuditWithTheDnatDestinationAsItsPublicAddress() {
        SnapshotFixture f = SnapshotFixture.threeEdges().masquerade(1, false);
        List<ProbeTarget> targets = all(f);
        assertEquals(3, targets.size());
        for (int n = 1; n <= 3; n++) {
            ProbeTarget t = targets.get(n - 1);
            assertEquals("EDGE" + n + "_VPNV4", t.gateway());
            assertEquals("ovpnc" + n, t.device());
            assertEquals("tcp/443", t.service());
            assertEquals("203.0.113.1" + n + ":443", t.endpoint());
            assertEquals("the DNAT rule's destination", t.addressFrom());
            assertEquals(IpAddress.parse("10.8." + n + ".2"), t.edgeSendsTo());
            assertEquals(443, t.edgeSendsToPort());
            assertTrue(t.edgeAddresses().contains(IpAddress.parse("10.8." + n + ".1")), "masquerading shows the tunnel address");
            assertEquals(f.audit().paths().get(n - 1), t.prediction(), "each target carries route-audit's row");
        }
        assertEquals(Verdict.PRESERVED, targets.get(0).prediction().verdict());
    }

    @Test
    void withoutADestinationTheAddressOfTheMatchedInterface() {
        SnapshotFixture f = SnapshotFixture.threeEdges().iptables(2, "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.2.2:443\n"
                + "-A POSTROUTING -o tun0 -j MASQUERADE\nCOMMIT\n");
        ProbeTarget t = all(f).get(1);
        assertEquals(Optional.of(IpAddress.parse("203.0.113.12")), t.address());
        assertEquals("the address of eth0", t.addressFrom());
    }

    @Test
    void cannotTellWhenTheRuleNamesNeitherDestinationNorInterface() {
        SnapshotFixture f = SnapshotFixture.threeEdges().iptables(2, "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.2.2:443\nCOMMIT\n");
        ProbeTarget t = all(f).get(1);
        assertFalse(t.probeable());
        assertEquals("cannot tell the edge's public address: the DNAT rule (fixture/edges/EDGE2_VPNV4.iptables line 4) matches "
                + "neither one destination address nor an input interface", t.addressFrom());
        assertEquals("?:443", t.endpoint());
    }

    @Test
    void cannotTellFromAnInterfaceWhoseAddressesWereNotRead() {
        SnapshotFixture f = SnapshotFixture.threeEdges().edgeAddressesNotRead(3).iptables(3, "*nat\n:PREROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.3.2:443\nCOMMIT\n");
        ProbeTarget t = all(f).get(2);
        assertFalse(t.probeable());
        assertTrue(t.addressFrom().endsWith("matches interface eth0, but the edge's addresses (`ip -j addr`) were not read"), t.addressFrom());
    }

    @Test
    void anEdgeNotReadGivesNoAddressAndSaysHowToGetOne() {
        ProbeTarget t = all(SnapshotFixture.threeEdges().edgeNotRead(2)).get(1);
        assertEquals("EDGE2_VPNV4", t.gateway());
        assertFalse(t.probeable());
        assertEquals("the edge's NAT rules were not read (give --edge EDGE2_VPNV4=HOST), so its public address cannot be told",
                t.addressFrom());
    }

    @Test
    void gatewayAndPortNarrowTheSelection() {
        SnapshotFixture f = SnapshotFixture.threeEdges();
        assertEquals(List.of("EDGE2_VPNV4"), select(f, List.of("EDGE2_VPNV4"), Optional.of(443)).stream().map(ProbeTarget::gateway).toList());
        OpsException none = assertThrows(OpsException.class, () -> select(f, List.of(), Optional.of(8443)));
        assertEquals("fixture: no published path on port 8443 (the edges publish: EDGE1_VPNV4 tcp/443, EDGE2_VPNV4 tcp/443, "
                + "EDGE3_VPNV4 tcp/443); check --gateway/--port, or give the edges with --edge GATEWAY=HOST so their DNAT rules are read",
                none.getMessage());
        OpsException unknown = assertThrows(OpsException.class, () -> select(f, List.of("WAN9"), Optional.empty()));
        assertEquals("unknown gateway WAN9 on fixture; known gateways: WAN_DHCP, EDGE1_VPNV4, EDGE2_VPNV4, EDGE3_VPNV4", unknown.getMessage());
    }
}
