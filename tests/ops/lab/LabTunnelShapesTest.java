package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import ops.change.StateDir;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The changes on the tunnel shapes real users have: nat-toggle on a net30 edge (whose gateway
 * address is on no interface of the edge) and default-route onto a WireGuard gateway the admin
 * defined, each proven with real packets and re-audited.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabTunnelShapesTest extends LabChangingTests {
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
    }

    @Test
    void natToggleFindsANet30EdgesTunnelAndMasqueradeMendsItsTriangularPath() {
        Scenario s = Scenario.named("net30-triangular");
        Lab.ensure(s.name());
        assertFalse(Lab.probe("edge3", "http").get("ok").asBoolean(), "EDGE3 keeps client IPs off the default route: triangular");
        assertEquals("TRIANGULAR", LabNetwork.audited("EDGE3_VPNV4", LabNetwork.edgeArgs(s)));
        try (LiveNetwork net = LabNetwork.open(s)) {
            assertEquals(0, new NatToggle(net, state, out.writer, LabNetwork.yes())
                    .run(new NatToggle.Request("EDGE3_VPNV4", NatToggle.Action.ON, false, false, false)), out.toString());
        }
        // the gateway 10.8.3.5 is on no interface of edge3: its tunnel was found by the firewall's address 10.8.3.6
        assertTrue(out.toString().contains("tun0"), out.toString());
        JsonNode p = Lab.probe("edge3", "http");
        assertTrue(p.get("ok").asBoolean(), p.toString());
        assertEquals("10.8.3.1", p.get("seen").asText(), "the server sees the edge's own tunnel address, not the gateway");
        assertEquals("MASQUERADED", LabNetwork.audited("EDGE3_VPNV4", LabNetwork.edgeArgs(s)));
        try (LiveNetwork net = LabNetwork.open(s)) {
            assertEquals(0, new NatToggle(net, state, out.writer, LabNetwork.yes())
                    .run(new NatToggle.Request("EDGE3_VPNV4", NatToggle.Action.UNDO, false, false, false)), out.toString());
        }
        assertFalse(Lab.probe("edge3", "http").get("ok").asBoolean(), "undone: triangular again");
    }

    @Test
    void defaultRouteOntoAWireGuardGatewayKeepsItsClientsIpAndRollsBack() {
        Scenario s = Scenario.named("wireguard");
        Lab.ensure(s.name());
        assertFalse(Lab.probe("edge3", "http").get("ok").asBoolean(), "the WireGuard tab gives no reply-to: triangular");
        assertEquals("TRIANGULAR", LabNetwork.audited("EDGE3_WG", LabNetwork.edgeArgs(s)));
        try (LiveNetwork net = LabNetwork.open(s)) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes())
                    .set(new DefaultRoute.SetRequest("EDGE3_WG", false, false, false, 60)), out.toString());
        }
        assertTrue(out.toString().contains("Confirmed over a new connection"), out.toString());
        assertTrue(Lab.ssh("fw", "netstat -rn").lines().anyMatch(l -> l.startsWith("default ") && l.contains("tun_wg")),
                Lab.ssh("fw", "netstat -rn"));
        JsonNode p = Lab.probe("edge3", "http");
        assertTrue(p.get("ok").asBoolean(), p.toString());
        assertEquals(Scenario.CLIENT_IP, p.get("seen").asText());
        assertEquals("PRESERVED", LabNetwork.audited("EDGE3_WG", LabNetwork.edgeArgs(s)));
        assertTrue(Lab.probe("edge1", "http").get("ok").asBoolean(), "the masquerading edges keep working");
        try (LiveNetwork net = LabNetwork.open(s)) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes()).rollback(false));
        }
        assertFalse(Lab.probe("edge3", "http").get("ok").asBoolean(), "rolled back: triangular again");
    }
}
