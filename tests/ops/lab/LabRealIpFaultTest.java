package ops.lab;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import ops.base.OpsException;
import ops.change.StateDir;
import ops.live.LiveNetwork;
import ops.realip.RealIp;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;

/**
 * real-ip when a host drops away in the middle: before or after each step of `set EDGE2_VPNV4`
 * in `fixed`, every SSH session of that step's host is really killed. After each, once any armed
 * revert has fired, the network is in the state before the command or in a verified state on the
 * way (never one where a path breaks), the tool said what it read, no lock is left, and undo
 * brings back the state before. Each fault waits out a revert window, so the steps are shared out
 * over four classes, each a JVM with a lab of its own in tests/run: this one has the firewall's
 * and EDGE1's preparation; {@link LabRealIpDefaultFaultTest} the default's move,
 * {@link LabRealIpEdge2FaultTest} EDGE2's steps and {@link LabRealIpConfirmFaultTest} the
 * confirmations of EDGE1 and the firewall.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpFaultTest extends RealIpFaultSlice {
    static final int WINDOW = 30;

    /** A step of the plan: the n-th command containing {@code marker} on {@code host} ("fw", or the gateway whose edge it is). */
    record Step(String name, String host, String node, String marker, int occurrence) {}

    static final List<Step> STEPS = List.of(
            new Step("arming the firewall's revert", "fw", "fw", "mkdir -p /tmp/ops-default-route", 1),
            new Step("EDGE1's masquerade on", "EDGE1_VPNV4", "edge1", "then iptables-restore --noflush; else", 1),
            new Step("arming EDGE1's revert", "EDGE1_VPNV4", "edge1", "mkdir -p /tmp/ops-real-ip &&", 1),
            new Step("moving the default route", "fw", "fw", "then php -q;", 1),
            new Step("reading the default back over a new connection", "fw", "fw", "netstat -rn", 1),
            new Step("arming EDGE2's revert", "EDGE2_VPNV4", "edge2", "mkdir -p /tmp/ops-real-ip &&", 1),
            new Step("EDGE2's masquerade off", "EDGE2_VPNV4", "edge2", "then iptables-restore --noflush; else", 1),
            new Step("confirming EDGE1", "EDGE1_VPNV4", "edge1", "echo confirmed", 1),
            new Step("confirming the firewall", "fw", "fw", "echo confirmed", 1),
            new Step("confirming EDGE2", "EDGE2_VPNV4", "edge2", "echo confirmed", 1));

    /** Every state a fault may leave once the reverts are done: before, after, or a verified one on the way. */
    static final Set<String> SAFE = Set.of(RealIpLab.OLD, RealIpLab.NEW, RealIpLab.STAGE1, RealIpLab.STAGE2);

    /** Which of {@link #STEPS} each class takes (RealIpFaultSlicesTest: every step once). */
    static final Map<Class<?>, List<Integer>> SLICES = Map.of(
            LabRealIpFaultTest.class, List.of(0, 1, 2),
            LabRealIpDefaultFaultTest.class, List.of(3, 4),
            LabRealIpEdge2FaultTest.class, List.of(5, 6, 9),
            LabRealIpConfirmFaultTest.class, List.of(7, 8));

    /** Sessions killed before and after each step of {@code slice}'s share of {@link #STEPS}. */
    static Stream<DynamicTest> faultsOf(Class<?> slice) {
        return SLICES.get(slice).stream().map(STEPS::get).flatMap(step -> Stream.of(false, true).map(after -> dynamicTest(
                "sessions of " + step.node() + " killed " + (after ? "after " : "before ") + step.name(), () -> faultAt(step, after))));
    }

    private static void faultAt(Step step, boolean after) {
        LabGroundTruthTest.assumeLab();
        Lab.ensure("fixed");
        StateDir state = LabNetwork.freshState();
        LabNetwork.Output out = new LabNetwork.Output();
        String said;
        int exit;
        try (LiveNetwork live = LabNetwork.open()) {
            LabNetwork.Cut cut = new LabNetwork.Cut(step.marker(), step.occurrence(), after, () -> Lab.killSessions(step.node()));
            RealIp r = new RealIp(RealIpLab.cutting(live, step.host(), cut), state, out.writer, LabNetwork.yes());
            try {
                exit = r.set(new RealIp.SetRequest("EDGE2_VPNV4", false, false, WINDOW));
                said = out.toString();
            } catch (OpsException e) {
                exit = e.exitCode();
                said = e.getMessage();
            }
        } finally {
            Lab.touched();
        }
        if (exit == 0) {
            assertTrue(said.contains("Confirmed over new connections"), said);
            assertEquals(RealIpLab.NEW, RealIpLab.state(), "a success is the new state: " + said);
        } else {
            assertTrue(said.contains("Read back: ") || said.contains("Read back now: "), "says what it read back: " + said);
            if (said.contains("Read back: the state before the command")) {
                assertEquals(RealIpLab.OLD, RealIpLab.state(), "said: " + said);
            }
        }
        RealIpLab.awaitReverts(WINDOW); // locks freed, no revert left pending (at once, or once they fired)
        String now = RealIpLab.state();
        assertTrue(SAFE.contains(now), "a safe state, not " + now + "; the tool said: " + said);
        RealIpLab.assertPacketsAgree();
        if (!now.equals(RealIpLab.OLD)) {
            try (LiveNetwork net = LabNetwork.open()) {
                assertEquals(0, new RealIp(net, state, out.writer, LabNetwork.yes()).undo(false, false), out.toString());
            }
            assertEquals(RealIpLab.OLD, RealIpLab.state(), "undo restored the state before: " + out);
            assertEquals("none", RealIpLab.leftovers());
            RealIpLab.assertPacketsAgree();
        }
    }
}
