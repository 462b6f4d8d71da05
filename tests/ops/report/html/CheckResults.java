package ops.report.html;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.audit.Landscape;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.net.IpAddress;
import ops.probe.CapturedDevice;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.Observation;
import ops.probe.Packet;
import ops.probe.PathCheck;
import ops.probe.PortRange;
import ops.probe.ProbeOutcome;
import ops.probe.ProbePlan;
import ops.probe.ProbeTarget;

/** A measured result: EDGE1 keeps the client's address; EDGE3's SYN-ACK leaves by ovpnc1 where route-audit predicted MASQUERADED. */
final class CheckResults {
    private CheckResults() {}

    private static final IpAddress ADMIN = IpAddress.parse("198.51.100.20");

    static CheckResult disagreeing() {
        Landscape land = new Landscape(List.of(
                new Landscape.Node("EDGE1_VPNV4", "EDGE1", "ovpnc1", "10.8.1.1", List.of("203.0.113.11"), true, false),
                new Landscape.Node("EDGE3_VPNV4", "EDGE3", "ovpnc3", "10.8.3.1", List.of("203.0.113.13"), true, false)),
                "EDGE1_VPNV4", "EDGE1_VPNV4", List.of());
        return new CheckResult("fw1", "vps1", ADMIN, "the echo page http://echo.test/",
                List.of(new CapturedDevice("ovpnc1", CapturedDevice.State.LISTENING, "", List.of(), 0)),
                List.of(path(1, MeasuredVerdict.PRESERVED, Verdict.PRESERVED, "ovpnc1", true, "the client address arrived"),
                        path(3, MeasuredVerdict.TRIANGULAR, Verdict.MASQUERADED, "ovpnc1", false, "its SYN-ACK left by ovpnc1")),
                true, 4200, land);
    }

    private static PathCheck path(int edge, MeasuredVerdict v, Verdict predicted, String replyDevice, boolean works, String note) {
        String gw = "EDGE" + edge + "_VPNV4";
        ProbeTarget t = new ProbeTarget(gw, "ovpnc" + edge, "tcp/80", 80, Optional.of(IpAddress.parse("203.0.113.1" + edge)),
                "the DNAT rule's destination", IpAddress.parse("10.8." + edge + ".2"), 80, Set.of(IpAddress.parse("10.8." + edge + ".1")),
                new PathRow(gw, "tcp/80", "", "10.8." + edge + ".2:80", "192.168.1.10:80", "client", gw, false, "", predicted, List.of()));
        Packet in = new Packet("ovpnc" + edge, 1_000_000, ADMIN, 61001 + 4 * edge, t.edgeSendsTo(), 80, "S");
        Packet out = new Packet(replyDevice, 1_000_150, t.edgeSendsTo(), 80, ADMIN, 61001 + 4 * edge, "S.");
        ProbeOutcome o = works ? new ProbeOutcome(0, Optional.of(ADMIN), 61001 + 4 * edge, Optional.of(1.25), 2.5, 200, "")
                : new ProbeOutcome(28, Optional.empty(), 0, Optional.empty(), 3001, 0, "curl: (28) Timeout was reached");
        return new PathCheck(t, Optional.of(new ProbePlan(t, new PortRange(61001 + 4 * edge, 61004 + 4 * edge), true)), Optional.of(o),
                new Observation(Optional.of(in), Optional.of(out)), v, note, Optional.of(predicted));
    }
}
