package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.change.StateDir;
import ops.live.LiveNetwork;
import ops.realip.RealIp;
import ops.support.Await;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * real-ip against the lab: the whole field fix as one change, with real routes, real NAT on the
 * edges, real packets from the client, and reverts armed on the firewall and the edges that
 * really fire when nobody confirms.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpTest {
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
        Lab.ensure("fixed"); // EDGE1 default, no masquerade; EDGE2 (iptables) and EDGE3 (nftables) masquerade
    }

    @AfterEach
    void changedTheLab() {
        Lab.touched();
    }

    @AfterAll
    static void down() {
        Lab.down();
    }

    private int set(String gateway, int window) {
        try (LiveNetwork net = LabNetwork.open()) {
            return new RealIp(net, state, out.writer, LabNetwork.yes()).set(new RealIp.SetRequest(gateway, false, false, window));
        }
    }

    /**
     * set EDGE2_VPNV4 with edge1 gone (sshd and its sessions killed) as its revert is about to be confirmed, the
     * first confirmation: nothing gets confirmed; edge1's sshd is back afterwards. The exit code.
     */
    private int setLosingEdge1AtItsConfirmation(int window) {
        try (LiveNetwork live = LabNetwork.open()) {
            LabNetwork.Cut cut = new LabNetwork.Cut("echo confirmed", 1, false, () -> RealIpLab.stopSshd("edge1"));
            return new RealIp(RealIpLab.cutting(live, "EDGE1_VPNV4", cut), state, out.writer, LabNetwork.yes())
                    .set(new RealIp.SetRequest("EDGE2_VPNV4", false, false, window));
        } finally {
            Lab.lab("restart-sshd", "edge1");
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

    @Test
    void unconfirmedItRevertsByItselfInTheSafeOrder() {
        int window = 20;
        // nothing gets confirmed, and every armed revert fires by itself
        int exit = setLosingEdge1AtItsConfirmation(window);
        assertEquals(2, exit, out.toString());
        assertTrue(out.toString().contains("nothing is confirmed, every part reverts by itself"), out.toString());
        // which state the read finds depends on how far the reverts got by then (the first fires `window` s after arming)
        assertTrue(out.toString().contains("Read back now: "), "says what it read: " + out);
        RealIpLab.awaitReverts(window);
        assertEquals(RealIpLab.OLD, RealIpLab.state(), "everything reverted");
        RealIpLab.assertPacketsAgree();
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("ops real-ip: revert"), "the firewall's revert wrote the config");
    }

    @Test
    void aConfirmationThatCouldNotBeMadeIsMadeByHandAndKeepsTheChange() {
        int window = 600; // long: the confirmation by hand comes well inside it, however slow the machine
        int exit = setLosingEdge1AtItsConfirmation(window);
        assertEquals(2, exit, out.toString());
        assertTrue(out.toString().contains("run `real-ip fw confirm` before"), out.toString());
        assertEquals(RealIpLab.NEW, RealIpLab.state(), "applied, waiting for its confirmation");
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new RealIp(net, state, out.writer, LabNetwork.yes()).confirm(), out.toString());
        }
        assertTrue(out.toString().contains("EDGE2_VPNV4 stays the one real-IP gateway"), out.toString());
        assertEquals("none", RealIpLab.leftovers(), "every revert disarmed, every lock freed");
        assertEquals(RealIpLab.NEW, RealIpLab.state());
        RealIpLab.assertPacketsAgree();
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new RealIp(net, state, out.writer, LabNetwork.yes()).undo(false, false), out.toString());
        }
        assertEquals(RealIpLab.OLD, RealIpLab.state());
    }

    @Test
    void aFirewallRebootInsideTheWindowPutsTheOldDefaultBackAtBootAndTheAdminGetsIn() {
        int window = 300; // long: the firewall's timer must not be what reverts, however slow the machine
        int exit = setLosingEdge1AtItsConfirmation(window);
        assertEquals(2, exit, out.toString());
        assertTrue(out.toString().contains("keep the revert across a reboot: /cf/conf/ops-default-route/"), "the plan shows the step: " + out);
        assertEquals(RealIpLab.NEW, RealIpLab.state(), "applied, waiting for its confirmation");
        Lab.lab("reboot", "fw");
        // the boot hook runs in the background, as pfSense starts it: wait for its report, however slow the machine
        assertTrue(Await.until(Duration.ofSeconds(180), Duration.ofSeconds(1),
                () -> !RealIpLab.read("fw", "cat /cf/conf/ops-default-route/*.reverted-at-boot 2>/dev/null; true").isBlank()),
                () -> "no report from the boot hook; on the firewall: " + RevertTraces.onFirewall());
        // the firewall's part is back at boot; the edges' timers (still pending, untouched by the reboot) follow in their time
        assertTrue(RealIpLab.state().startsWith("default EDGE1/EDGE1, "), RealIpLab.state());
        assertTrue(RealIpLab.read("fw", "cat /conf/config.xml").contains("ops real-ip: revert"), "the revert wrote the config");
        assertTrue(RealIpLab.read("fw-via-edge1", "printenv SSH_CONNECTION").startsWith("10.8.1.1 "),
                "the admin's path through EDGE1 (masquerading since stage 1) works again");
        assertEquals(RevertTraces.KEPT, RevertTraces.onFirewall(), "on the firewall only the report's folder is left");
    }
}
