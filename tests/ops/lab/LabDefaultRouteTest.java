package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import ops.change.StateDir;
import ops.base.OpsException;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import ops.support.ScriptRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/** default-route against the lab: real routes, real packets, a revert armed on the firewall that really fires. */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabDefaultRouteTest extends LabChangingTests {
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
    }

    private DefaultRoute over(LiveNetwork net) {
        return new DefaultRoute(net, state, out.writer, LabNetwork.yes());
    }

    private int set(String firewall, String gateway, int window) {
        try (LiveNetwork net = LabNetwork.open(firewall, LabNetwork.edges())) {
            return over(net).set(new DefaultRoute.SetRequest(gateway, false, false, false, window));
        }
    }

    private static String liveDefault() {
        return Lab.ssh("fw", "netstat -rn").lines().filter(l -> l.startsWith("default ")).findFirst().orElse("none");
    }

    @Test
    void movingTheDefaultToTheRealIpGatewayMakesItsConnectionsWorkAndRollbackUndoesIt() {
        Lab.ensure("triangular");
        JsonNode before = Lab.probe("edge3", "http");
        assertFalse(before.get("ok").asBoolean(), "triangular: the connection through EDGE3 fails: " + before);
        assertEquals("TRIANGULAR", LabNetwork.audited("EDGE3_VPNV4"));

        assertEquals(0, set("fw", "EDGE3_VPNV4", 60), out.toString());
        assertTrue(out.toString().contains("Confirmed over a new connection"), out.toString());
        JsonNode after = Lab.probe("edge3", "http");
        assertTrue(after.get("ok").asBoolean(), after.toString());
        assertEquals(Scenario.CLIENT_IP, after.get("seen").asText(), "the server logs the real client");
        assertEquals("PRESERVED", LabNetwork.audited("EDGE3_VPNV4"));
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("ops default-route: default gateway EDGE3_VPNV4 (was EDGE1_VPNV4)"),
                "pfSense's config history says who and why");

        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, over(net).rollback(false));
        }
        assertTrue(liveDefault().contains("ovpnc1"), liveDefault());
        assertFalse(Lab.probe("edge3", "http").get("ok").asBoolean(), "rolled back: triangular again");
    }

    @Test
    void dryRunChangesNothing() {
        Lab.ensure("triangular");
        String config = Lab.ssh("fw", "cat /conf/config.xml"), routes = liveDefault();
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, over(net).set(new DefaultRoute.SetRequest("EDGE3_VPNV4", true, false, false, 120)));
        }
        assertTrue(out.toString().contains("Paths after (predicted):") && out.toString().contains("--dry-run: nothing was changed."));
        String words = out.toString();
        for (String step : new String[] {"\n1. on fw, as root: keep the revert across a reboot: /cf/conf/ops-default-route/",
                "\n2. on fw, as root: arm the auto-revert: back to EDGE1_VPNV4 in 120 s unless confirmed\n    undo: disarm",
                "\n3. on fw, as root: set defaultgw4 = EDGE3_VPNV4 (write_config, routing apply)\n"
                        + "    verify on fw (new connection): the live default route is via EDGE3_VPNV4 (10.8.3.1), within 15 s\n",
                "\n4. on fw (new connection), as root: prove the firewall is reachable after the change, then confirm\n"}) {
            assertTrue(words.contains(step), step + " in:\n" + words);
        }
        assertFalse(words.contains("<?php") || words.contains("sh -c") || words.lines().anyMatch(l -> l.startsWith("    # ")), words);
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes(), true).set(new DefaultRoute.SetRequest("EDGE3_VPNV4", true, false, false, 120)));
        }
        String commands = out.toString().substring(words.length());
        assertEquals(2, commands.split("<\\?php", -1).length - 1, "the revert's PHP and the set's, each once:\n" + commands);
        assertTrue(commands.contains("\n    # php -q\n    | <?php\n") && commands.contains("\n      $ netstat -rn\n"), commands);
        assertFalse(commands.contains("id -u") || commands.contains("sudo -n php"), "no sudo branch:\n" + commands);
        assertEquals(config, Lab.ssh("fw", "cat /conf/config.xml"), "config.xml byte-identical");
        assertEquals(routes, liveDefault());
        assertTrue(state.records("default-route").isEmpty());
    }

    @Test
    void aDownGatewayIsRefused() {
        Lab.ensure("edge-down");
        OpsException e = assertThrows(OpsException.class, () -> set("fw", "EDGE1_VPNV4", 60));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("refused: EDGE1_VPNV4 is down"), e.getMessage());
    }

    @Test
    void theCurrentGatewayIsNoChange() {
        Lab.ensure("fixed");
        assertEquals(0, set("fw", "EDGE1_VPNV4", 60));
        assertTrue(out.toString().contains("the default gateway is already EDGE1_VPNV4; nothing to change"), out.toString());
    }

    @Test
    void anUnknownGatewayNamesTheKnownOnes() {
        Lab.ensure("fixed");
        OpsException e = assertThrows(OpsException.class, () -> set("fw", "WAN9", 60));
        assertTrue(e.getMessage().startsWith("unknown gateway WAN9 on fw; known gateways: EDGE1_VPNV4, EDGE2_VPNV4, EDGE3_VPNV4"), e.getMessage());
    }

    @Test
    void aGroupCanBeSetAndTheFailoverRiskIsShown() {
        Lab.ensure("failover-group");
        assertEquals(0, set("fw", "EDGE1_VPNV4", 60));
        assertTrue(liveDefault().contains("ovpnc1"));
        out.text.getBuffer().setLength(0);
        assertEquals(0, set("fw", "FAILOVER", 60), out.toString());
        assertTrue(out.toString().contains("warning: the default gateway is failover group FAILOVER"), out.toString());
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("<defaultgw4>FAILOVER</defaultgw4>"));
    }

    @Test
    void theScriptShowsConfiguredAndLiveDefault() {
        Lab.ensure("fixed");
        List<String> args = new ArrayList<>(List.of("fw", "show", "-F", Lab.sshConfig().toString()));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        ScriptRun r = ScriptRun.of("DefaultRouteCommand", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("configured default gateway: EDGE1_VPNV4 (defaultgw4)"), r.out());
        assertTrue(r.out().contains("live default route:         EDGE1_VPNV4"), r.out());
        assertTrue(r.out().contains("agree:                      yes"), r.out());
    }
}
