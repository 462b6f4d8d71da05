package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import ops.live.LiveNetwork;
import ops.realip.RealIp;
import ops.support.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * real-ip against the lab when a confirmation cannot be made (edge1's sshd gone as it is about to be
 * confirmed): the reverts armed on the firewall and the edges really fire when nobody confirms, a
 * confirmation by hand keeps the change, and a reboot inside the window puts the old default back.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpUnconfirmedTest extends RealIpLabTests {
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
