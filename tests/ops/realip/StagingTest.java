package ops.realip;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.model.Topology;
import ops.nat.EdgeMasquerade;
import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

/** real-ip's plan as states of the network: which steps, in which order, each predicted; and what it refuses. */
class StagingTest {
    private static Staging plan(SnapshotFixture f, String gateway) {
        Topology t = f.topology();
        return Staging.plan(t, EdgeMasquerade.in(t, gateway).orElseThrow(), g -> "edge" + g.charAt(4));
    }

    /** The lab's `fixed`: EDGE1 is the default and does not masquerade, its pass rules on the OpenVPN tab (no reply-to). */
    private static SnapshotFixture fixed() {
        return SnapshotFixture.threeEdges().passRulesOn(Tab.OPENVPN).masquerade(1, false);
    }

    private static Verdict verdict(Staging.Stage s, String gateway) {
        return s.audit().paths().stream().filter(p -> p.gateway().equals(gateway)).map(PathRow::verdict).findFirst().orElseThrow();
    }

    @Test
    void movingTheRealIpGatewayMasqueradesTheOldOneFirstThenMovesTheDefaultThenUnmasquerades() {
        Staging s = plan(fixed(), "EDGE2_VPNV4");
        assertEquals(List.of("EDGE1_VPNV4"), s.masqueradeFirst().stream().map(EdgeMasquerade::gateway).toList());
        assertTrue(s.moveDefault());
        assertTrue(s.unmasquerade());
        assertEquals(4, s.stages().size());
        assertTrue(s.stages().get(1).step().startsWith("masquerade on for EDGE1_VPNV4"), s.stages().get(1).step());
        assertEquals("default route on EDGE2_VPNV4, which still masquerades", s.stages().get(2).step());
        assertTrue(s.stages().get(3).step().startsWith("EDGE2_VPNV4 stops masquerading"), s.stages().get(3).step());
        // every state on the way works: no path triangular or blocked
        for (Staging.Stage st : s.stages()) {
            assertTrue(st.audit().paths().stream().noneMatch(p -> p.verdict() == Verdict.TRIANGULAR || p.verdict() == Verdict.BLOCKED),
                    st.step() + ": " + st.audit().paths());
        }
        assertEquals(Verdict.PRESERVED, verdict(s.now(), "EDGE1_VPNV4"));
        assertEquals(Verdict.MASQUERADED, verdict(s.stages().get(1), "EDGE1_VPNV4"));
        assertEquals(Verdict.MASQUERADED, verdict(s.stages().get(2), "EDGE2_VPNV4"));
        assertEquals(Verdict.PRESERVED, verdict(s.end(), "EDGE2_VPNV4"));
        assertEquals(Verdict.MASQUERADED, verdict(s.end(), "EDGE1_VPNV4"));
        assertEquals(Verdict.MASQUERADED, verdict(s.end(), "EDGE3_VPNV4"));
        assertEquals(List.of(), s.refusals());
        assertFalse(s.nothingToDo());
    }

    @Test
    void theGatewayThatAlreadyIsTheOneRealIpGatewayIsNothingToDo() {
        Staging s = plan(fixed(), "EDGE1_VPNV4");
        assertTrue(s.nothingToDo());
        assertEquals(List.of(), s.refusals());
    }

    @Test
    void theDefaultGatewayThatStillMasqueradesOnlyStopsMasquerading() {
        Staging s = plan(fixed().masquerade(1, true), "EDGE1_VPNV4");
        assertFalse(s.moveDefault());
        assertTrue(s.unmasquerade());
        assertEquals(List.of(), s.masqueradeFirst());
        assertEquals(2, s.stages().size());
        assertEquals(Verdict.PRESERVED, verdict(s.end(), "EDGE1_VPNV4"));
    }

    @Test
    void whenEveryGatewayMasqueradesOnlyTheDefaultMovesAndTheGatewayStopsMasquerading() {
        Staging s = plan(fixed().masquerade(1, true), "EDGE3_VPNV4");
        assertEquals(List.of(), s.masqueradeFirst());
        assertTrue(s.moveDefault() && s.unmasquerade());
        assertEquals(3, s.stages().size());
        assertEquals(Verdict.PRESERVED, verdict(s.end(), "EDGE3_VPNV4"));
    }

    @Test
    void aGatewayThatAlreadyKeepsRealIpsButIsNotTheDefaultOnlyGetsTheDefault() {
        // EDGE3 does not masquerade, its replies leave by EDGE1 (triangular): the default moving to it is the whole fix
        Staging s = plan(fixed().masquerade(1, true).masquerade(3, false), "EDGE3_VPNV4");
        assertTrue(s.moveDefault());
        assertFalse(s.unmasquerade());
        assertEquals(Verdict.TRIANGULAR, verdict(s.now(), "EDGE3_VPNV4"));
        assertEquals(Verdict.PRESERVED, verdict(s.end(), "EDGE3_VPNV4"));
        assertEquals(List.of(), s.refusals(), "a path broken before the change is no step's doing");
    }

    @Test
    void anotherRealIpGatewayCoveredByReplyToKeepsItsRealIps() {
        // pass rules on each interface's own tab: reply-to pins EDGE1's replies, so it needs no masquerade
        Staging s = plan(SnapshotFixture.threeEdges().masquerade(1, false), "EDGE2_VPNV4");
        assertEquals(List.of(), s.masqueradeFirst());
        assertEquals(Verdict.PRESERVED, verdict(s.end(), "EDGE1_VPNV4"));
        assertEquals(Verdict.PRESERVED, verdict(s.end(), "EDGE2_VPNV4"));
        assertEquals(List.of(), s.refusals());
    }

    @Test
    void anEdgeNotReadMakesItsPathsUnknownAndThePlanSaysSo() {
        // EDGE1 (the default, no masquerade) unread: its paths cannot be predicted; the plan says so
        Staging s = plan(fixed().edgeNotRead(1), "EDGE2_VPNV4");
        assertEquals(List.of(), s.masqueradeFirst());
        assertTrue(s.unknowns().stream().anyMatch(u -> u.startsWith("EDGE1_VPNV4: its paths cannot be predicted")), s.unknowns().toString());
    }

    @Test
    void aMasqueradeRuleThatAlsoCoversOtherInterfacesIsRefusedBeforeAnythingIsPlanned() {
        SnapshotFixture f = fixed().iptables(2, "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                + "-A PREROUTING -d 203.0.113.12/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.2.2:443\n"
                + "-A POSTROUTING -j MASQUERADE\nCOMMIT\n");
        OpsException e = assertThrows(OpsException.class, () -> plan(f, "EDGE2_VPNV4"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("refused: edge2 rule `-A POSTROUTING -j MASQUERADE`: it masquerades more than tun0"), e.getMessage());
    }

    @Test
    void aStepThatBreaksAPathIsRefusedNamingTheStep() {
        // EDGE1's NAT rules were read (no masquerade: real IPs) but not its interfaces: which one is the tunnel is
        // unknown, so masquerade cannot be turned on for it, and moving the default makes its replies triangular
        Staging s = plan(fixed().edgeAddressesNotRead(1), "EDGE2_VPNV4");
        assertEquals(List.of(), s.masqueradeFirst());
        List<String> r = s.refusals();
        assertEquals(1, r.size(), r.toString());
        assertTrue(r.get(0).startsWith("stage 1 (default route on EDGE2_VPNV4, which still masquerades) would make EDGE1_VPNV4 tcp/443 TRIANGULAR"
                + " (replies leave by EDGE2_VPNV4)"), r.get(0));
        assertTrue(r.get(0).endsWith("masquerade cannot be turned on for it from what was read (its edge's NAT rules or its tunnel interface)"), r.get(0));
    }
}
