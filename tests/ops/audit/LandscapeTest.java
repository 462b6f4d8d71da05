package ops.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import ops.model.TopologyBuilder;
import ops.snapshot.SnapshotDir;
import ops.support.Repo;
import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

/** What the diagram draws besides the paths, read from the Topology: gateways with their edges, the default route, the groups' tiers. */
class LandscapeTest {
    @Test
    void theDoubleNatExampleHasItsEdgesPublicAddressesAndTheDefaultOnEdge1() {
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/double-nat"))));
        Landscape l = r.landscape();
        assertEquals(List.of("WAN_DHCP", "EDGE1_VPNV4", "EDGE2_VPNV4", "EDGE3_VPNV4"), l.gateways().stream().map(Landscape.Node::gateway).toList());
        Landscape.Node edge2 = l.gateways().get(2);
        assertEquals(List.of("203.0.113.12"), edge2.edgeAddresses());
        assertEquals("EDGE2", edge2.descr());
        assertEquals("ovpnc2", edge2.device());
        assertEquals("10.8.2.1", edge2.address());
        assertTrue(edge2.edgeRead());
        assertFalse(l.gateways().get(0).edgeRead(), "the WAN has no edge");
        assertEquals("EDGE1_VPNV4", l.defaultRoute());
        assertEquals("EDGE1_VPNV4", l.configuredDefault());
        assertEquals(List.of(), l.groups());
    }

    @Test
    void aFailoverGroupKeepsItsTiersInOrder() {
        AuditResult r = SnapshotFixture.threeEdges().group("EDGE2_VPNV4|2", "EDGE1_VPNV4|1", "EDGE3_VPNV4|2").defaultGateway("FAILOVER")
                .liveDefaultVia("1").audit();
        assertEquals(List.of(new Landscape.Group("FAILOVER", List.of(List.of("EDGE1_VPNV4"), List.of("EDGE2_VPNV4", "EDGE3_VPNV4")))),
                r.landscape().groups());
        assertEquals("group FAILOVER", r.landscape().configuredDefault());
        assertEquals("EDGE1_VPNV4", r.landscape().defaultRoute());
    }

    @Test
    void theAnswerKeepsItsLandscapeThroughIgnoreAndFixes() {
        AuditResult r = SnapshotFixture.threeEdges().audit();
        assertEquals(r.landscape(), r.ignoring(List.of(Code.values())).forFirewall("fw1", java.util.Map.of()).landscape());
        assertFalse(r.live());
        assertTrue(r.withEdges(List.of()).live(), "a live audit says so");
    }
}
