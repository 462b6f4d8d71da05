package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import ops.change.StateDir;
import ops.base.OpsException;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import ops.support.Await;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * default-route when things break in the middle: the SSH connections to the firewall really
 * killed (its sshd's session processes) or its sshd restarted (a reboot, as SSH sees it) before
 * or after each step of the plan, and a second writer changing config.xml between plan and apply. After
 * each, the firewall is in the old state or the new one, never a mix, the tool says which, and
 * rollback works.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabDefaultRouteFaultTest extends LabChangingTests {
    static final int WINDOW = 20;
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
        // default EDGE1_VPNV4 (ovpnc1); every edge masquerades, so moving it breaks no path (no refusal, no --force)
        Lab.ensure("all-masquerade");
    }

    @Test
    void killedWhileKeepingTheRevertAcrossARebootChangesNothingAndLeavesNothing() {
        OpsException e = assertThrows(OpsException.class, () -> setKilling("chmod 700", false));
        assertTrue(e.getMessage().contains("nothing was changed: the default gateway is still EDGE1_VPNV4"), e.getMessage());
        assertOld();
        assertNoLockNorPendingRevert();
    }

    @Test
    void killedRightAfterKeepingTheRevertChangesNothingAndRemovesIt() {
        OpsException e = assertThrows(OpsException.class, () -> setKilling("chmod 700", true));
        assertTrue(e.getMessage().contains("nothing was changed: the default gateway is still EDGE1_VPNV4"), e.getMessage());
        assertOld();
        assertNoLockNorPendingRevert();
    }

    @Test
    void killedWhileArmingTheRevertChangesNothingAndLeavesNoLockOrTimer() {
        OpsException e = assertThrows(OpsException.class, () -> setKilling("setsid", false));
        assertTrue(e.getMessage().contains("nothing was changed: the default gateway is still EDGE1_VPNV4"), e.getMessage());
        assertOld();
        assertNoLockNorPendingRevert();
    }

    @Test
    void killedRightAfterArmingChangesNothingAndDisarms() {
        OpsException e = assertThrows(OpsException.class, () -> setKilling("setsid", true));
        assertTrue(e.getMessage().contains("nothing was changed: the default gateway is still EDGE1_VPNV4"), e.getMessage());
        assertOld();
        assertNoLockNorPendingRevert();
    }

    @Test
    void killedBeforeTheChangeRanIsTheOldStateAndRollbackWorks() {
        assertEquals(2, setKilling("then php -q;", false), out.toString());
        assertTrue(out.toString().contains("did not move to EDGE2_VPNV4; not confirming"), out.toString());
        assertOld();
        rollback();
        assertOld();
    }

    @Test
    void killedAfterTheChangeRanIsConfirmedOverANewConnectionAndRollbackWorks() {
        assertEquals(0, setKilling("then php -q;", true), out.toString());
        assertTrue(out.toString().contains("Confirmed over a new connection"), out.toString());
        assertNew();
        rollback();
        assertOld();
    }

    @Test
    void killedWhileVerifyingOverTheNewConnectionReconnectsAndConfirms() {
        assertEquals(0, setKilling("netstat -rn", false), out.toString());
        assertTrue(out.toString().contains("Confirmed over a new connection"), out.toString());
        assertNew();
        rollback();
        assertOld();
    }

    @Test
    void killedWhileConfirmingSaysItRevertsAndItDoes() {
        assertEquals(2, setKilling("echo confirmed", false), out.toString());
        // "could not confirm" comes only after the new default was seen over a new connection
        assertTrue(out.toString().contains("could not confirm (") && out.toString().contains("reverts to EDGE1_VPNV4 by itself"), out.toString());
        // the timer fires WINDOW s after arming and frees the lock as its very last step (after the routing
        // apply returns): wait for that, however slow the machine; the deadline only bounds a hang
        assertTrue(Await.until(Duration.ofSeconds(WINDOW + 180), Duration.ofSeconds(1), () -> noLockNorPendingRevert().equals("none")),
                () -> "the revert did not finish: " + noLockNorPendingRevert() + "; live default " + liveDefault());
        assertOld();
        assertNoLockNorPendingRevert();
        // the change was live in between, whenever the revert came: the config the revert replaced is the change's
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("ops default-route: revert"), "the revert wrote the config");
        assertTrue(latestBackup().contains("<defaultgw4>EDGE2_VPNV4</defaultgw4>"), "the config before the revert: " + latestBackup());
    }

    @Test
    void sshdRestartedBeforeTheChangeRanIsTheOldState() {
        assertEquals(2, setFailing("then php -q;", false, true), out.toString());
        assertTrue(out.toString().contains("did not move to EDGE2_VPNV4; not confirming"), out.toString());
        assertOld();
        rollback();
        assertOld();
    }

    @Test
    void sshdRestartedAfterTheChangeRanIsConfirmedOnceItIsBack() {
        assertEquals(0, setFailing("then php -q;", true, true), out.toString());
        assertTrue(out.toString().contains("Confirmed over a new connection"), out.toString());
        assertNew();
        rollback();
        assertOld();
    }

    @Test
    void aSecondWriterBetweenPlanAndApplyStopsTheChange() {
        try (LiveNetwork net = LabNetwork.open("fw", LabNetwork.edges())) {
            DefaultRoute dr = new DefaultRoute(net, state, out.writer, q -> {
                Lab.ssh("fw", "php -q", "<?php\nrequire_once('config.inc');\nconfig_set_path('system/timezone', 'Etc/UTC');\n"
                        + "write_config('someone else, right now');\n"); // a second writer
                return true;
            });
            OpsException e = assertThrows(OpsException.class, () -> dr.set(new DefaultRoute.SetRequest("EDGE2_VPNV4", false, false, false, WINDOW)));
            assertEquals(2, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
        }
        assertOld();
        assertTrue(Lab.ssh("fw", "cat /conf/config.xml").contains("someone else, right now"), "the other writer's change is kept");
        assertNoLockNorPendingRevert();
    }

    /** Runs `set EDGE2_VPNV4` with the firewall's SSH sessions killed at the first command containing {@code marker}. */
    private int setKilling(String marker, boolean afterItRan) {
        return setFailing(marker, afterItRan, false);
    }

    /** As {@link #setKilling}, or with the firewall's sshd restarted (a reboot, as SSH sees it). */
    private int setFailing(String marker, boolean afterItRan, boolean restart) {
        try (LiveNetwork live = LabNetwork.open("fw", LabNetwork.edges())) {
            LabNetwork.Cut cut = new LabNetwork.Cut(marker, 1, afterItRan,
                    restart ? () -> Lab.lab("restart-sshd", "fw") : () -> Lab.killSessions("fw"));
            return new DefaultRoute(LabNetwork.cuttingFirewall(live, cut), state, out.writer, LabNetwork.yes())
                    .set(new DefaultRoute.SetRequest("EDGE2_VPNV4", false, false, false, WINDOW));
        }
    }

    private void rollback() {
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes()).rollback(false), out.toString());
        }
        assertNoLockNorPendingRevert(); // the timer, the boot hook and their files went with the rollback
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

    private static void assertNoLockNorPendingRevert() {
        assertEquals("none", noLockNorPendingRevert());
    }

    /** "none", or the lock and the revert's parts (this boot's and the persistent ones) still there. */
    private static String noLockNorPendingRevert() {
        return RevertTraces.onFirewall();
    }

    /** The newest of write_config's backups (/cf/conf/backup/config-TIME.xml): the config the last write replaced. */
    private static String latestBackup() {
        return Lab.ssh("fw", "cd /cf/conf/backup && cat \"$(ls config-*.xml | sort -t- -k2 -n | tail -n 1)\"");
    }
}
