package ops.realip;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Status;
import ops.net.IpAddress;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.Observation;
import ops.probe.PathCheck;
import ops.probe.PortRange;
import ops.probe.ProbePlan;
import ops.probe.ProbeTarget;
import ops.probe.SourceIpCheck;
import ops.support.SnapshotFixture;
import ops.remote.LocalShell;
import ops.remote.Remote;
import org.junit.jupiter.api.Test;

/** real-ip's probe step judges what source-ip-check measured: only PRESERVED on every probed path of the gateway passes. */
class ProbeRealIpTest {
    private static final IpAddress ADMIN = IpAddress.parse("198.51.100.20");

    private static PathCheck path(String gw, int port, boolean probed, MeasuredVerdict v, String note) {
        ProbeTarget t = new ProbeTarget(gw, "ovpnc2", "tcp/" + port, port, probed ? Optional.of(IpAddress.parse("203.0.113.12")) : Optional.empty(),
                "the DNAT rule's destination", IpAddress.parse("10.8.2.2"), port, Set.of(IpAddress.parse("10.8.2.1")),
                new PathRow(gw, "tcp/" + port, "", "10.8.2.2:" + port, "192.168.1.10:" + port, "client", gw, false, "", Verdict.PRESERVED, List.of()));
        Optional<ProbePlan> plan = probed ? Optional.of(new ProbePlan(t, new PortRange(61000, 61003), port == 80)) : Optional.empty();
        return new PathCheck(t, plan, Optional.empty(), new Observation(Optional.empty(), Optional.empty()), v, note, Optional.empty());
    }

    private static CheckResult measured(PathCheck... paths) {
        return new CheckResult("fw", "admin", ADMIN, "--expect-ip", List.of(), List.of(paths), false, 1000);
    }

    @Test
    void everyProbedPathPreservedPasses() {
        CheckResult r = measured(path("EDGE2_VPNV4", 80, true, MeasuredVerdict.PRESERVED, "the client address arrived"),
                path("EDGE2_VPNV4", 443, true, MeasuredVerdict.PRESERVED, ""),
                path("EDGE2_VPNV4", 8443, false, MeasuredVerdict.UNKNOWN, "cannot tell the edge's public address; not probed"));
        assertEquals(Optional.empty(), ProbeRealIp.judge(r, "EDGE2_VPNV4"));
    }

    @Test
    void anyOtherMeasurementFailsWithWhatWasMeasured() {
        for (MeasuredVerdict v : List.of(MeasuredVerdict.MASQUERADED, MeasuredVerdict.TRIANGULAR, MeasuredVerdict.NOT_REACHED,
                MeasuredVerdict.NO_REPLY, MeasuredVerdict.UNKNOWN)) {
            CheckResult r = measured(path("EDGE2_VPNV4", 80, true, MeasuredVerdict.PRESERVED, ""),
                    path("EDGE2_VPNV4", 443, true, v, "what arrived: 10.8.2.1"));
            String why = ProbeRealIp.judge(r, "EDGE2_VPNV4").orElseThrow(() -> new AssertionError(v + " passed"));
            assertEquals("expected 198.51.100.20 (--expect-ip) to arrive by EDGE2_VPNV4; measured: EDGE2_VPNV4 tcp/80 203.0.113.12:80 PRESERVED; "
                    + "EDGE2_VPNV4 tcp/443 203.0.113.12:443 " + v.label + " (what arrived: 10.8.2.1)", why);
        }
    }

    @Test
    void nothingProbedIsNoProof() {
        CheckResult r = measured(path("EDGE2_VPNV4", 80, false, MeasuredVerdict.UNKNOWN, "the edge's NAT rules were not read; not probed"));
        assertEquals(Optional.of("no path of EDGE2_VPNV4 could be probed (EDGE2_VPNV4 tcp/80 ?:80 UNKNOWN (the edge's NAT rules were not read; not probed))"),
                ProbeRealIp.judge(r, "EDGE2_VPNV4"));
        assertTrue(ProbeRealIp.judge(measured(), "EDGE2_VPNV4").isPresent());
    }

    private static SourceIpCheck.Request onlyEdge2() {
        return new SourceIpCheck.Request(List.of("EDGE2_VPNV4"), Optional.empty(), Optional.empty(), Optional.of("http://echo.test/"), false,
                Duration.ofSeconds(3), Set.of(80, 8080));
    }

    @Test
    void thePlanShowsWhatTheVantageRunsAndRefusesAGatewayWithNothingToProbe() {
        List<String> shown = SourceIpCheck.vantageCommands(SnapshotFixture.threeEdges().topology(), onlyEdge2());
        assertTrue(shown.stream().anyMatch(c -> c.startsWith("curl -q -sS --noproxy '*' --local-port ") && c.endsWith(" 'telnet://203.0.113.12:443'")), shown.toString());
        assertTrue(shown.get(shown.size() - 1).endsWith(" 'http://echo.test/'"), "the echo lookup last: " + shown);

        // EDGE2's NAT rules unread: its public address is unknown, so nothing could be measured; said before anything changes
        OpsException e = assertThrows(OpsException.class, () -> SourceIpCheck.vantageCommands(SnapshotFixture.threeEdges().edgeNotRead(2).topology(), onlyEdge2()));
        assertTrue(e.getMessage().contains(": no path of EDGE2_VPNV4 can be probed (EDGE2_VPNV4 "), e.getMessage());
    }

    @Test
    void aFailedProbePutsEverythingBackAndAPassingOneGoesOn() {
        ProbeRealIp step = new ProbeRealIp(null, LocalShell.here(), "EDGE2_VPNV4", null, List.of("curl -q 'http://203.0.113.12:80/'"), w -> {});
        assertFalse(step.changesHost(), "measures only: no lock on the vantage");
        assertTrue(step.undo().isEmpty());
        Next failed = step.settled(new Ran(Optional.of(new Remote.Result(2, "", "measured: EDGE2_VPNV4 tcp/80 MASQUERADED")), Optional.empty(), true));
        Next.Revert back = assertInstanceOf(Next.Revert.class, failed);
        assertEquals(Status.FAILED, back.status());
        assertFalse(back.thisStepToo());
        assertTrue(back.failure().getMessage().contains("EDGE2_VPNV4 not measured as the real-IP gateway: measured: EDGE2_VPNV4 tcp/80 MASQUERADED"),
                back.failure().getMessage());
        Next ok = step.settled(new Ran(Optional.of(new Remote.Result(0, "EDGE2_VPNV4 tcp/80 PRESERVED", "")), Optional.empty(), true));
        assertInstanceOf(Next.Go.class, ok);
        assertEquals("curl -q 'http://203.0.113.12:80/'", step.command().text());
    }
}
