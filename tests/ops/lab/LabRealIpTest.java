package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.live.LiveNetwork;
import ops.realip.RealIp;
import ops.support.ScriptRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * real-ip against the lab: the whole field fix as one change, with real routes, real NAT on the
 * edges and real packets from the client. {@link LabRealIpUnconfirmedTest} has the changes nobody
 * could confirm (in a lab of its own beside this one: they wait out revert windows).
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpTest extends RealIpLabTests {
    private int set(String gateway, int window) {
        try (LiveNetwork net = LabNetwork.open()) {
            return new RealIp(net, state, out.writer, LabNetwork.yes()).set(new RealIp.SetRequest(gateway, false, false, window));
        }
    }

    private int undo() {
        try (LiveNetwork net = LabNetwork.open()) {
            return new RealIp(net, state, out.writer, LabNetwork.yes()).undo(false, false);
        }
    }

    @Test
    void setMakesTheGatewayTheOneRealIpGatewayAndUndoRestoresExactly() {
        String edge1 = Lab.ssh("edge1", "iptables-save -t nat | grep '^-A'"), edge2 = Lab.ssh("edge2", "iptables-save -t nat | grep '^-A'");
        String edge3 = Lab.ssh("edge3", "nft list ruleset");
        assertEquals(RealIpLab.OLD, RealIpLab.state());

        assertEquals(0, set("EDGE2_VPNV4", 60), out.toString());
        assertTrue(out.toString().contains("Confirmed over new connections: EDGE2_VPNV4 is the one real-IP gateway of fw"), out.toString());
        assertEquals(RealIpLab.NEW, RealIpLab.state());
        assertEquals("none", RealIpLab.leftovers(), "confirmed: no lock, no revert left armed");
        var p2 = Lab.probe("edge2", "http");
        assertTrue(p2.get("ok").asBoolean(), p2.toString());
        assertEquals(Scenario.CLIENT_IP, p2.get("seen").asText(), "the server sees the real client through EDGE2");
        assertEquals("ovpnc2", p2.get("reply_via").asText());
        for (String e : List.of("edge1", "edge3")) {
            var p = Lab.probe(e, "http");
            assertTrue(p.get("ok").asBoolean(), e + " still works: " + p);
            assertNotEquals(Scenario.CLIENT_IP, p.get("seen").asText(), e + " masquerades: " + p);
        }
        assertEquals(edge3, Lab.ssh("edge3", "nft list ruleset"), "edge3 masqueraded already: untouched");

        assertEquals(0, undo(), out.toString());
        assertEquals(RealIpLab.OLD, RealIpLab.state());
        assertEquals(edge1, Lab.ssh("edge1", "iptables-save -t nat | grep '^-A'"), "edge1's rules exactly as before");
        assertEquals(edge2, Lab.ssh("edge2", "iptables-save -t nat | grep '^-A'"), "edge2's rules exactly as before");
        assertEquals(edge3, Lab.ssh("edge3", "nft list ruleset"));
        assertEquals("none", RealIpLab.leftovers());
        RealIpLab.assertPacketsAgree();
        assertEquals(Scenario.CLIENT_IP, Lab.probe("edge1", "http").get("seen").asText());
        // a second undo finds nothing to do
        assertEquals(0, undo(), out.toString());
        assertTrue(out.toString().contains("is undone already; nothing to do"), out.toString());
    }

    @Test
    void dryRunChangesNothingAndTheScriptShowsEveryStage() throws Exception {
        String before = RealIpLab.state(), config = Lab.ssh("fw", "cat /conf/config.xml");
        List<String> args = new ArrayList<>(List.of("fw", "set", "EDGE2_VPNV4", "--dry-run", "-F", Lab.sshConfig().toString()));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        ScriptRun r = ScriptRun.of("RealIpCommand", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Paths after stage 1, masquerade on for EDGE1_VPNV4"), r.out());
        assertTrue(r.out().contains("Paths after stage 2, default route on EDGE2_VPNV4, which still masquerades"), r.out());
        assertTrue(r.out().contains("Paths after stage 3, EDGE2_VPNV4 stops masquerading"), r.out());
        assertTrue(r.out().endsWith("--dry-run: nothing was changed.\n"), r.out());
        assertTrue(r.out().contains("\nprobe: no vantage given (--from): not measured\n"), r.out());
        assertEquals(before, RealIpLab.state());
        assertEquals(config, Lab.ssh("fw", "cat /conf/config.xml"), "config.xml untouched");
        assertEquals("none", RealIpLab.leftovers());

        // with a vantage the plan shows the probe and what the vantage would run, and the dry run runs none of it
        args.addAll(List.of("--from", "admin", "--echo-url", Scenario.ECHO_URL, "--show-commands"));
        r = ScriptRun.of("RealIpCommand", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(". on admin, as the login: probe EDGE2_VPNV4's paths from admin: the server sees the client's own address "
                + "and replies leave by EDGE2_VPNV4\n    $ curl -q "), r.out());
        assertFalse(r.out().contains("measured"), r.out());
        assertTrue(r.out().endsWith("--dry-run: nothing was changed.\n"), r.out());
        assertEquals(before, RealIpLab.state());
        assertEquals("none", RealIpLab.leftovers());
    }

    private int setFromAdmin(Optional<IpAddress> expectIp) {
        try (LiveNetwork net = LabNetwork.open()) {
            RealIp.Probe probe = new RealIp.Probe(net.host("admin"), expectIp, Optional.of(Scenario.ECHO_URL));
            return new RealIp(net, state, out.writer, LabNetwork.yes()).set(new RealIp.SetRequest("EDGE2_VPNV4", false, false, 120, Optional.of(probe)));
        }
    }

    @Test
    void fromAVantageTheGatewayIsMeasuredPreservedBeforeTheChangeIsConfirmed() {
        assertEquals(0, setFromAdmin(Optional.empty()), out.toString());
        String said = out.toString();
        String measured = said.lines().filter(l -> l.startsWith("admin: EDGE2_VPNV4 measured: ")).findFirst().orElseThrow(() -> new AssertionError(said));
        assertTrue(measured.contains("EDGE2_VPNV4 tcp/80 203.0.113.12:80 PRESERVED (the client address " + Scenario.ADMIN_IP + " arrived on ovpnc2"), measured);
        assertTrue(measured.contains("EDGE2_VPNV4 tcp/443 203.0.113.12:443 PRESERVED"), measured);
        assertEquals(2, measured.split(" PRESERVED ").length - 1, "each of EDGE2's paths, nothing else: " + measured);
        assertTrue(said.indexOf("EDGE2_VPNV4 measured: ") < said.indexOf("Confirmed over new connections"), "probed before confirming: " + said);
        assertEquals(RealIpLab.NEW, RealIpLab.state());
        assertEquals("none", RealIpLab.leftovers());
    }

    @Test
    void aProbeThatDoesNotSeeTheExpectedClientPutsEverythingBack() {
        OpsException e = assertThrows(OpsException.class, () -> setFromAdmin(Optional.of(IpAddress.parse("198.51.100.99"))), out::toString);
        assertEquals(2, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().contains("admin: EDGE2_VPNV4 not measured as the real-IP gateway: expected 198.51.100.99 (--expect-ip) "
                + "to arrive by EDGE2_VPNV4; measured: EDGE2_VPNV4 tcp/80 203.0.113.12:80 "), e.getMessage());
        assertFalse(e.getMessage().contains("203.0.113.12:80 PRESERVED"), "the admin's address is not the one expected: " + e.getMessage());
        assertEquals(RealIpLab.OLD, RealIpLab.state(), "everything put back: " + e.getMessage());
        assertEquals("none", RealIpLab.leftovers(), "no lock, no revert left armed");
        RealIpLab.assertPacketsAgree();
    }

    @Test
    void theGatewayThatAlreadyIsTheOneRealIpGatewayIsNothingToChange() {
        assertEquals(0, set("EDGE1_VPNV4", 60), out.toString());
        assertTrue(out.toString().contains("EDGE1_VPNV4 already is the one real-IP gateway"), out.toString());
        assertEquals(RealIpLab.OLD, RealIpLab.state());
        assertFalse(Files.exists(state.path().resolve("changes")), "no record for nothing");
    }

    @Test
    void statusSaysWhichGatewayKeepsRealIps() {
        List<String> args = new ArrayList<>(List.of("fw", "status", "-F", Lab.sshConfig().toString()));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        ScriptRun r = ScriptRun.of("RealIpCommand", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("EDGE1_VPNV4 is the one real-IP gateway (the default route is on it)"), r.out());
        assertTrue(r.out().contains("EDGE2_VPNV4 (ovpnc2): masquerades (-A POSTROUTING -o tun0 -j MASQUERADE)"), r.out());
        assertTrue(r.out().contains("EDGE3_VPNV4 (ovpnc3): masquerades (oifname \"tun0\" masquerade)"), r.out());
    }
}
