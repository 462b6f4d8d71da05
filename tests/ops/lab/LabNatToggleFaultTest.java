package ops.lab;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.stream.Stream;
import ops.change.StateDir;
import ops.base.OpsException;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * nat-toggle when the edge drops away in the middle: at each step of the plan, before or after
 * the step ran there, every SSH session of the edge is really killed, or its sshd restarts (a
 * reboot, as SSH sees it). After each, the edge masquerades or it does not (old or new, never a
 * mix), the tool says which, no lock is left, and undo restores the old state.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabNatToggleFaultTest {
    /** A step of `nat-toggle fw EDGE1_VPNV4 on` on edge1: the n-th command there containing {@code marker}. */
    record Step(String name, String marker, int occurrence) {}

    static final List<Step> STEPS = List.of(
            new Step("persistence probe", "netfilter-persistent", 1),
            new Step("lock", "mkdir /tmp/ops-nat-toggle.lock", 1),
            new Step("re-read before the change", "iptables-save -t nat", 1),
            new Step("the change", "iptables-restore", 1),
            new Step("read-back", "iptables-save -t nat", 2),
            new Step("unlock", "rm -rf /tmp/ops-nat-toggle.lock", 1));

    @AfterAll
    static void down() {
        Lab.down();
    }

    @TestFactory
    Stream<DynamicTest> cutAtEveryStepLeavesOldOrNewAndSaysWhich() {
        return STEPS.stream().flatMap(step -> Stream.of(false, true).map(after -> dynamicTest(
                "sessions killed " + (after ? "after " : "before ") + step.name(), () -> faultAt(step, after, false))));
    }

    @TestFactory
    Stream<DynamicTest> sshdRestartedAroundTheChangeLeavesOldOrNewAndSaysWhich() {
        Step change = STEPS.get(3);
        return Stream.of(false, true).map(after -> dynamicTest(
                "sshd restarted " + (after ? "after " : "before ") + change.name(), () -> faultAt(change, after, true)));
    }

    @org.junit.jupiter.api.Test
    void aSecondWriterBetweenPlanAndApplyStopsTheFirewallHalfAndTheEdgeIsPutBack() {
        LabGroundTruthTest.assumeLab();
        Lab.ensure("fixed");
        Lab.touched();
        Lab.ssh("fw", "php -q", "<?php\nrequire_once('config.inc');\nconfig_set_path('nat/outbound/mode', 'hybrid');\n"
                + "write_config('test: hybrid');\nrequire_once('filter.inc');\nfilter_configure();\n");
        LabNetwork.Output out = new LabNetwork.Output();
        try (LiveNetwork net = LabNetwork.open()) {
            NatToggle toggle = new NatToggle(net, LabNetwork.freshState(), out.writer, q -> {
                Lab.ssh("fw", "php -q", "<?php\nrequire_once('config.inc');\nconfig_set_path('system/timezone', 'Etc/UTC');\n"
                        + "write_config('someone else, right now');\n");
                return true;
            });
            OpsException e = assertThrows(OpsException.class,
                    () -> toggle.run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.ON, true, false, false)));
            assertEquals(2, e.exitCode(), e.getMessage());
            assertTrue(e.getMessage().contains("config.xml changed since the plan"), e.getMessage());
            assertTrue(e.getMessage().contains("the edge change was put back: the OLD state on edge1 too"), e.getMessage());
        }
        assertEquals(0, masqueradeRules(), "edge1 is back to the old state");
        assertEquals(Scenario.CLIENT_IP, Lab.probe("edge1", "http").get("seen").asText());
        String config = Lab.ssh("fw", "cat /conf/config.xml");
        assertTrue(config.contains("someone else, right now"), "the other writer's change is kept");
        assertFalse(config.contains("NAT out EDGE1_VPNV4"), "ours did not go in");
        assertEquals("free", Lab.ssh("edge1", "test -e /tmp/ops-nat-toggle.lock && echo held || echo free").strip());
    }

    private static void faultAt(Step step, boolean after, boolean restart) {
        LabGroundTruthTest.assumeLab();
        Lab.ensure("fixed"); // edge1 does not masquerade: `on` makes it
        StateDir state = LabNetwork.freshState();
        LabNetwork.Output out = new LabNetwork.Output();
        String said;
        int exit;
        try (LiveNetwork live = LabNetwork.open()) {
            LabNetwork.Cut cut = new LabNetwork.Cut(step.marker(), step.occurrence(), after,
                    restart ? () -> Lab.lab("restart-sshd", "edge1") : () -> Lab.killSessions("edge1"));
            NatToggle toggle = new NatToggle(LabNetwork.cuttingEdge(live, "EDGE1_VPNV4", cut), state, out.writer, LabNetwork.yes());
            try {
                exit = toggle.run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.ON, false, false, false));
                said = out.toString();
            } catch (OpsException e) {
                exit = e.exitCode();
                said = e.getMessage();
            }
        } finally {
            Lab.touched();
        }
        int rules = masqueradeRules();
        assertTrue(rules == 0 || rules == 1, "old (0) or new (1) masquerade rules into tun0, not " + rules);
        boolean isNew = rules == 1;
        if (exit == 0) {
            assertTrue(isNew, "a success is the new state: " + said);
        } else {
            boolean saysOld = said.contains("the OLD state") || said.contains("nothing was changed");
            assertTrue(isNew ? said.contains("the NEW state") : saysOld, "says " + (isNew ? "NEW" : "OLD") + ": " + said);
        }
        assertEquals(isNew ? "10.8.1.1" : Scenario.CLIENT_IP, Lab.probe("edge1", "http").get("seen").asText(), "real packets agree");
        assertEquals("free", Lab.ssh("edge1", "test -e /tmp/ops-nat-toggle.lock && echo held || echo free").strip(), "no lock left; the tool said: " + said);
        if (isNew) {
            try (LiveNetwork net = LabNetwork.open()) {
                assertEquals(0, new NatToggle(net, state, out.writer, LabNetwork.yes())
                        .run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.UNDO, false, false, false)), out.toString());
            }
            assertEquals(0, masqueradeRules(), "undo restored the old state");
            assertEquals(Scenario.CLIENT_IP, Lab.probe("edge1", "http").get("seen").asText());
        }
    }

    private static int masqueradeRules() {
        return (int) Lab.ssh("edge1", "iptables-save -t nat").lines().filter(l -> l.contains("-o tun0") && l.contains("MASQUERADE")).count();
    }
}
