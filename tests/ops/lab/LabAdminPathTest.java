package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ops.base.OpsException;
import ops.change.StateDir;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import ops.support.Await;
import ops.support.ScriptRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The admin's own path (issue 16): the change scripts read how the firewall sees this very SSH
 * session, say it in the plan, and refuse a change that would cut it, or that would break a path
 * that works now; --force applies anyway. Over the lab's `fw-via-edge1` (the admin's box, ProxyJump,
 * EDGE1's DNAT tcp/2222 to the firewall's sshd) and `fw` (the management link).
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabAdminPathTest extends LabChangingTests {
    static final int WINDOW = 20;
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
    }

    /** default-route as the user runs it, over the lab's ssh_config. */
    private static ScriptRun defaultRoute(String firewall, String... more) {
        List<String> args = new ArrayList<>(List.of(firewall));
        args.addAll(List.of(more));
        args.addAll(List.of("-F", Lab.sshConfig().toString()));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        return ScriptRun.of("DefaultRouteCommand", args.toArray(String[]::new));
    }

    private int set(String firewall, String gateway, boolean force) {
        try (LiveNetwork net = LabNetwork.open(firewall, LabNetwork.edges())) {
            return new DefaultRoute(net, state, out.writer, LabNetwork.yes()).set(new DefaultRoute.SetRequest(gateway, false, force, false, WINDOW));
        }
    }

    private int toggle(String firewall, String gateway, NatToggle.Action action) {
        try (LiveNetwork net = LabNetwork.open(firewall, LabNetwork.edges())) {
            return new NatToggle(net, state, out.writer, LabNetwork.yes()).run(new NatToggle.Request(gateway, action, false, false, false));
        }
    }

    private static String liveDefault() {
        return Lab.ssh("fw", "netstat -rn").lines().filter(l -> l.startsWith("default ")).findFirst().orElse("none");
    }

    private static String config() {
        return Lab.ssh("fw", "cat /conf/config.xml");
    }

    private static final String ADMIN_THROUGH_EDGE1 = "how you reach fw-via-edge1: through EDGE1_VPNV4 tcp/2222 as " + Scenario.ADMIN_IP + " (";

    @Test
    void theLockoutThroughEdge1IsRefusedAndNothingChanges() {
        Lab.ensure("fixed");
        String config = config(), routes = liveDefault();
        for (String[] run : new String[][] {{"set", "EDGE2_VPNV4", "--yes", "--confirm-within", "" + WINDOW}, {"set", "EDGE2_VPNV4", "--dry-run"}}) {
            ScriptRun r = defaultRoute("fw-via-edge1", run);
            assertEquals(2, r.exit(), r.out() + r.err());
            assertTrue(r.out().contains(ADMIN_THROUGH_EDGE1), r.out());
            assertTrue(r.out().indexOf(ADMIN_THROUGH_EDGE1) < r.out().indexOf("Plan: "), "the admin path comes before the steps:\n" + r.out());
            List<String> err = r.err().lines().toList();
            assertEquals(1, err.size(), r.err());
            assertTrue(err.get(0).startsWith("default-route: refused: it would cut this very session: you reach fw-via-edge1 through "
                    + "EDGE1_VPNV4 tcp/2222 as " + Scenario.ADMIN_IP + ", and tcp/2222 would turn TRIANGULAR (replies would leave by "
                    + "EDGE2_VPNV4); reach the firewall another way"), err.get(0));
            assertTrue(err.get(0).endsWith("(--force to do it anyway)"), err.get(0));
            assertFalse(r.out().contains("--dry-run: nothing was changed."), "refused before the executor: " + r.out());
        }
        assertEquals(config, config(), "config.xml byte-identical");
        assertEquals(routes, liveDefault());
        assertTrue(Lab.ssh("fw-via-edge1", "printenv SSH_CONNECTION").startsWith(Scenario.ADMIN_IP), "the admin still gets in");
    }

    @Test
    void withForceTheLockoutAppliesCutsTheAdminAndTheFirewallRevertsByItself() {
        Lab.ensure("fixed");
        assertEquals(2, set("fw-via-edge1", "EDGE2_VPNV4", true), out.toString());
        assertTrue(out.toString().contains("warning: overriding with --force: it would cut this very session"), out.toString());
        assertTrue(out.toString().contains("NOT reachable over a new connection"), out.toString());
        // the firewall reverts on its own: wait until its timer has finished (it frees the lock last, after the
        // routing apply), however slow the machine; the deadline only bounds a hang
        assertTrue(Await.until(Duration.ofSeconds(WINDOW + 180), Duration.ofSeconds(1),
                () -> RevertTraces.onFirewall().equals("none")), // the lock, the boot hook and the kept revert all gone
                () -> "the revert did not finish; live default " + liveDefault());
        assertTrue(liveDefault().contains("ovpnc1"), "the old default route is back: " + liveDefault());
        assertTrue(config().contains("<defaultgw4>EDGE1_VPNV4</defaultgw4>"));
        assertTrue(Await.until(Duration.ofSeconds(60), Duration.ofSeconds(1), () -> {
            try {
                return Lab.ssh("fw-via-edge1", "printenv SSH_CONNECTION").startsWith(Scenario.ADMIN_IP);
            } catch (IllegalStateException notYet) {
                return false;
            }
        }), "the admin path works again");
    }

    @Test
    void overTheManagementLinkTheAdminIsNotThroughAnEdgeButABrokenPathIsStillRefused() {
        Lab.ensure("fixed");
        String config = config();
        ScriptRun dry = defaultRoute("fw", "set", "EDGE2_VPNV4", "--dry-run");
        assertEquals(2, dry.exit(), dry.out() + dry.err());
        assertTrue(dry.out().contains("how you reach fw: on vtnet0 (MGMT) from ") && dry.out().contains(": not through an edge"), dry.out());
        assertEquals("default-route: refused: it would break paths that work now: EDGE1_VPNV4 tcp/80, tcp/443, tcp/2222 would turn TRIANGULAR "
                + "(replies would leave by EDGE2_VPNV4); first `nat-toggle fw EDGE1_VPNV4 on`, or pass their traffic with a reply-to rule on "
                + "their interface tab (--force to do it anyway)\n", dry.err());
        assertEquals(config, config(), "nothing changed");

        // --force: applied and confirmed over the management link; real packets through EDGE1 then die, as predicted
        assertTrue(Lab.probe("edge1", "http").get("ok").asBoolean());
        assertEquals(0, set("fw", "EDGE2_VPNV4", true), out.toString());
        assertTrue(out.toString().contains("warning: overriding with --force: it would break paths that work now"), out.toString());
        assertTrue(liveDefault().contains("ovpnc2"), liveDefault());
        assertFalse(Lab.probe("edge1", "http").get("ok").asBoolean(), "EDGE1's connections are triangular now");
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, new DefaultRoute(net, state, out.writer, LabNetwork.yes()).rollback(false), out.toString());
        }
        assertTrue(Lab.probe("edge1", "http").get("ok").asBoolean(), "rolled back: EDGE1 works again");
    }

    @Test
    void natToggleOnThroughEdge1IsAllowedAndTheAdminArrivesMasqueraded() {
        Lab.ensure("fixed");
        assertEquals(0, toggle("fw-via-edge1", "EDGE1_VPNV4", NatToggle.Action.ON), out.toString());
        assertTrue(out.toString().contains(ADMIN_THROUGH_EDGE1), out.toString());
        assertTrue(Lab.ssh("fw-via-edge1", "printenv SSH_CONNECTION").startsWith("10.8.1.1 "), "a new session arrives as the edge");
        assertEquals(0, toggle("fw-via-edge1", "EDGE1_VPNV4", NatToggle.Action.UNDO), out.toString()); // records go by the name used
        assertTrue(Lab.ssh("fw-via-edge1", "printenv SSH_CONNECTION").startsWith(Scenario.ADMIN_IP));
    }

    @Test
    void natToggleOffThatWouldCutTheAdminIsRefusedNamingItsPath() {
        Lab.ensure("all-masquerade");
        assertEquals(0, set("fw", "EDGE2_VPNV4", false), out.toString()); // every edge masquerades: no path gets worse
        String rules = Lab.ssh("edge1", "iptables -t nat -S");
        OpsException e = assertThrows(OpsException.class, () -> toggle("fw-via-edge1", "EDGE1_VPNV4", NatToggle.Action.OFF));
        assertEquals(2, e.exitCode());
        assertTrue(out.toString().contains("how you reach fw-via-edge1: through EDGE1_VPNV4 tcp/2222 as 10.8.1.1 (masqueraded by the edge)"),
                out.toString());
        assertTrue(e.getMessage().startsWith("refused: it would cut this very session: you reach fw-via-edge1 through EDGE1_VPNV4 tcp/2222 "
                + "as 10.8.1.1 (masqueraded by the edge), and tcp/2222 would turn TRIANGULAR (replies would leave by EDGE2_VPNV4)"), e.getMessage());
        assertEquals(rules, Lab.ssh("edge1", "iptables -t nat -S"), "nothing changed");
        assertTrue(Lab.ssh("fw-via-edge1", "printenv SSH_CONNECTION").startsWith("10.8.1.1 "));
    }
}
