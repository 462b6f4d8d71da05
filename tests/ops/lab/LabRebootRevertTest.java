package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import ops.base.OpsException;
import ops.change.StateDir;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import ops.support.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * default-route's revert across a reboot of the firewall (`lab reboot fw`: every process killed,
 * /tmp emptied, boot as pfSense does, then the rc.d hooks as rc.start_packages runs them). A
 * reboot inside the window is no confirmation: the old default gateway is back at boot and the
 * admin's path through EDGE1 works again; a package reload inside the window (rc.newwanip, a
 * tunnel coming back) is no boot; a confirmed change stays across a reboot; nothing is left.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRebootRevertTest extends LabChangingTests {
    static final int LONG_WINDOW = 300; // the timer must not be what reverts
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
        Lab.ensure("fixed"); // default EDGE1_VPNV4 (ovpnc1); the admin reaches the firewall through EDGE1
    }

    @Test
    void aRebootInsideTheWindowRevertsAtBootAndLeavesOnlyItsReport() {
        leftPending();
        Lab.lab("reboot", "fw");
        // the hook runs in the background, as pfSense starts it: wait for its report, however slow the machine
        assertTrue(Await.until(Duration.ofSeconds(180), Duration.ofSeconds(1), () -> !report().isEmpty()),
                () -> "no report from the boot hook; on the firewall: " + RevertTraces.onFirewall());
        assertTrue(report().startsWith("change ") && report().contains(" was not confirmed before a reboot: reverted to EDGE1_VPNV4 at boot, "),
                report());
        assertOld();
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("ops default-route: revert"), "the revert wrote the config");
        Lab.ssh("fw-via-edge1", "true"); // the admin's path works again (throws if not)
        assertEquals(RevertTraces.KEPT, RevertTraces.onFirewall(), "only the report's folder is left: no hook, snippet, mark nor lock");

        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes()).show(), out.toString());
            assertTrue(out.toString().contains("reverted at boot:           change "), out.toString());
            OpsException e = assertThrows(OpsException.class, () -> new DefaultRoute(net, state, out.writer, LabNetwork.yes()).confirmLatest());
            assertEquals(2, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().matches("nothing to confirm for \\S+: change \\S+ was not confirmed before a reboot: reverted to EDGE1_VPNV4 at boot, .*"),
                    e.getMessage());
        }
        assertEquals("none", RevertTraces.onFirewall(), "confirm took the report");
        assertOld();
    }

    @Test
    void aPackageReloadInsideTheWindowIsNoBootAndRollbackRemovesEverything() {
        leftPending();
        // rc.newwanip on a tunnel coming back: routing, filter, then rc.start_packages runs the hook with "start"
        Lab.lab("tunnel", "edge3", "down");
        Lab.lab("tunnel", "edge3", "up");
        assertTrue(fwBootLog().contains("Starting /usr/local/etc/rc.d/ops-default-route-"), "rc.start_packages ran the hook");
        // and once more, waiting for it to end, as rc.start_packages starts it
        Lab.ssh("fw", "for f in /usr/local/etc/rc.d/*.sh; do \"$f\" start; done");
        assertNew();
        assertFalse(RevertTraces.armed().isEmpty(), "still armed");
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes()).rollback(false), out.toString());
        }
        assertOld();
        assertEquals("none", RevertTraces.onFirewall());
    }

    @Test
    void aConfirmedChangeLeavesNothingAndARebootKeepsIt() {
        assertEquals(0, set(null), out.toString());
        assertTrue(out.toString().contains("Confirmed over a new connection"), out.toString());
        assertTrue(out.toString().contains("keep the revert across a reboot: /cf/conf/ops-default-route/"), "the plan shows the step: " + out);
        assertEquals("none", RevertTraces.onFirewall());
        Lab.lab("reboot", "fw");
        assertEquals("none", RevertTraces.onFirewall());
        assertNew();
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes()).rollback(false), out.toString());
        }
        assertOld();
        assertEquals("none", RevertTraces.onFirewall());
    }

    @Test
    void aFirewallThatCannotKeepTheRevertIsNotChanged() {
        // inside the firewall's own mount namespace only: its boot hooks' folder becomes read-only
        Lab.ssh("fw", "mount -o remount,bind,ro /usr/local/etc/rc.d");
        OpsException e = assertThrows(OpsException.class, () -> set(null));
        assertEquals(3, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith("fw: could not keep the revert across a reboot (")
                && e.getMessage().endsWith("Read-only file system); nothing was changed"), e.getMessage());
        assertOld();
        assertEquals("none", RevertTraces.onFirewall(), "the snippet and the mark it had written are gone, the lock is free");
    }

    /** Sets EDGE2_VPNV4 with a long window and cuts every session before the confirmation: the change stays pending. */
    private void leftPending() {
        assertEquals(2, set(new LabNetwork.Cut("echo confirmed", 1, false, () -> Lab.killSessions("fw"))), out.toString());
        assertTrue(out.toString().contains("could not confirm ("), out.toString());
        assertNew();
        String armed = RevertTraces.armed();
        assertEquals(3, armed.lines().count(), "the boot hook, the snippet and this boot's mark: " + armed);
    }

    private int set(LabNetwork.Cut cut) {
        try (LiveNetwork live = LabNetwork.open("fw", LabNetwork.edges())) {
            // --force: a change that makes EDGE1's real-IP path triangular may be refused without it
            return new DefaultRoute(cut == null ? live : LabNetwork.cuttingFirewall(live, cut), state, out.writer, LabNetwork.yes())
                    .set(new DefaultRoute.SetRequest("EDGE2_VPNV4", false, true, false, LONG_WINDOW));
        }
    }

    /** What the firewall's boot and its package starts printed (tests/lab/lib/fw.sh). */
    private static String fwBootLog() {
        try {
            return java.nio.file.Files.readString(Lab.state().resolve("logs/fw-boot.log"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String report() {
        return Lab.ssh("fw", "cat " + RevertTraces.KEPT + "/*.reverted-at-boot 2>/dev/null || true").strip();
    }

    private static String liveDefault() {
        return Lab.ssh("fw", "netstat -rn").lines().filter(l -> l.startsWith("default ")).findFirst().orElse("none");
    }

    private static void assertOld() {
        assertTrue(liveDefault().contains("ovpnc1"), "old live default: " + liveDefault());
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("<defaultgw4>EDGE1_VPNV4</defaultgw4>"), "old config");
    }

    private static void assertNew() {
        assertTrue(liveDefault().contains("ovpnc2"), "new live default: " + liveDefault());
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("<defaultgw4>EDGE2_VPNV4</defaultgw4>"), "new config");
    }
}
