package ops.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.base.ExitStatus;
import ops.json.Json;
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
import org.junit.jupiter.api.Test;

/** source-ip-check's four renderers over one measured result: EDGE1 keeps the client's address, EDGE3's replies leave by EDGE1. */
class CheckReportTest {
    private static final IpAddress ADMIN = IpAddress.parse("198.51.100.20");

    private static PathCheck path(int edge, MeasuredVerdict v, Verdict predicted, String replyDevice, boolean works, String note) {
        ProbeTarget t = new ProbeTarget("EDGE" + edge + "_VPNV4", "ovpnc" + edge, "tcp/80", 80, Optional.of(IpAddress.parse("203.0.113.1" + edge)),
                "the DNAT rule's destination", IpAddress.parse("10.8." + edge + ".2"), 80, Set.of(IpAddress.parse("10.8." + edge + ".1")),
                new PathRow("EDGE" + edge + "_VPNV4", "tcp/80", "", "10.8." + edge + ".2:80", "192.168.1.10:80", "client", "", false, "",
                        predicted, List.of()));
        Packet in = new Packet("ovpnc" + edge, 1_000_000, ADMIN, 61001 + 4 * edge, t.edgeSendsTo(), 80, "S");
        Packet out = new Packet(replyDevice, 1_000_150, t.edgeSendsTo(), 80, ADMIN, 61001 + 4 * edge, "S.");
        ProbeOutcome o = works ? new ProbeOutcome(0, Optional.of(ADMIN), 61001 + 4 * edge, Optional.of(1.25), 2.5, 200, "")
                : new ProbeOutcome(28, Optional.empty(), 0, Optional.empty(), 3001, 0, "curl: (28) Timeout was reached");
        return new PathCheck(t, Optional.of(new ProbePlan(t, new PortRange(61001 + 4 * edge, 61004 + 4 * edge), true)), Optional.of(o),
                new Observation(Optional.of(in), Optional.of(out)), v, note, Optional.of(predicted));
    }

    private static CheckResult result() {
        return new CheckResult("fw1", "vps1", ADMIN, "the echo page http://echo.test/",
                List.of(new CapturedDevice("ovpnc1", CapturedDevice.State.LISTENING, "", List.of(), 0),
                        new CapturedDevice("ovpnc3", CapturedDevice.State.LISTENING, "", List.of(), 0)),
                List.of(path(1, MeasuredVerdict.PRESERVED, Verdict.PRESERVED, "ovpnc1", true, "the client address arrived"),
                        path(3, MeasuredVerdict.TRIANGULAR, Verdict.MASQUERADED, "ovpnc1", false, "its SYN-ACK left by ovpnc1")),
                true, 4200);
    }

    @Test
    void statusIsTheWorstPathAndADisagreementIsCounted() {
        CheckResult r = result();
        assertEquals(ExitStatus.CRITICAL, r.status());
        assertEquals(1, r.disagreements());
    }

    @Test
    void textIsTheMeasuredMatrixThenOneNotePerPathThenTheDisagreements() {
        String t = TextRenderer.render(new CheckReport(result()));
        assertTrue(t.startsWith("source-ip-check fw1 from vps1: CRITICAL (1 preserved, 1 triangular, 1 disagreeing with route-audit; 2 paths, 4.2 s)\n"
                + "expected client address: 198.51.100.20 (the echo page http://echo.test/)\ncaptured on: ovpnc1, ovpnc3\n\n"), t);
        assertTrue(t.contains("\ntcp/80   EDGE3_VPNV4  203.0.113.13:80  198.51.100.20  ovpnc3  ovpnc1         failed   0.2 ms    TRIANGULAR  MASQUERADED  NO\n"), t);
        assertTrue(t.contains("\n  EDGE3_VPNV4 tcp/80: its SYN-ACK left by ovpnc1\n"), t);
        assertTrue(t.endsWith("Measured and predicted differ on 1 path(s):\n  EDGE3_VPNV4 tcp/80: measured TRIANGULAR, route-audit predicts MASQUERADED\n"), t);
    }

    @Test
    void jsonHasOneRowPerPathWithBothSidesAndTheComparison() {
        JsonNode j = Json.parse("json", JsonRenderer.render(new CheckReport(result())), "json");
        assertEquals("CRITICAL", j.get("status").asText());
        assertEquals(2, j.get("exitCode").asInt());
        assertEquals(1, j.get("disagreements").asInt());
        JsonNode p = j.get("paths").get(1);
        assertEquals("TRIANGULAR", p.get("verdict").asText());
        assertEquals("198.51.100.20", p.get("arrivedFrom").asText());
        assertEquals("ovpnc3", p.get("arrivedOn").asText());
        assertEquals("ovpnc1", p.get("replyLeftBy").asText());
        assertEquals("syn-ack", p.get("reply").asText());
        assertTrue(p.get("connectMs").isNull());
        assertEquals(0.15, p.get("firewallMs").asDouble(), 1e-9);
        assertEquals("61013-61016", p.get("sourcePorts").asText());
        assertFalse(p.get("agrees").asBoolean());
    }

    @Test
    void nagiosNamesTheWorstPathWithPerfdataThenEveryPathThatIsNotOk() {
        assertEquals("SOURCE-IP-CHECK CRITICAL - EDGE3_VPNV4 tcp/80 TRIANGULAR (route-audit predicts MASQUERADED): its SYN-ACK left by ovpnc1"
                + " | paths=2;;;0 preserved=1;;;0 masqueraded=0;;;0 triangular=1;;;0 not_reached=0;;;0 no_reply=0;;;0 unknown=0;;;0"
                + " disagreements=1;1;;0 connect_max=1.3ms;;;0\n"
                + "CRITICAL EDGE3_VPNV4 tcp/80 TRIANGULAR (route-audit predicts MASQUERADED): its SYN-ACK left by ovpnc1\n",
                NagiosRenderer.render(new CheckReport(result())));
        assertEquals("SOURCE-IP-CHECK UNKNOWN - fw1: tcpdump is not installed / x\n", NagiosRenderer.render(CheckReport.failed("fw1", "fw1: tcpdump is not installed | x")));
    }

    @Test
    void prometheusHasStatusVerdictCountsPerPathOkAndTimings() {
        String p = PrometheusRenderer.render(new CheckReport(result()), 1700000000);
        assertTrue(p.contains("\nops_source_ip_check_status{target=\"fw1\"} 2\n"), p);
        assertTrue(p.contains("\nops_source_ip_check_paths{target=\"fw1\",verdict=\"triangular\"} 1\n"), p);
        assertTrue(p.contains("\nops_source_ip_check_path_ok{target=\"fw1\",gateway=\"EDGE3_VPNV4\",service=\"tcp/80\",verdict=\"triangular\"} 0\n"), p);
        assertTrue(p.contains("\nops_source_ip_check_connect_seconds{target=\"fw1\",gateway=\"EDGE1_VPNV4\",service=\"tcp/80\"} 0.001250\n"), p);
        assertFalse(p.contains("connect_seconds{target=\"fw1\",gateway=\"EDGE3_VPNV4\""), "a failed handshake has no time");
        assertTrue(p.contains("\nops_source_ip_check_disagreements{target=\"fw1\"} 1\n"), p);
        assertTrue(p.endsWith("ops_source_ip_check_last_run_timestamp_seconds{target=\"fw1\"} 1700000000\n"), p);
        assertTrue(PrometheusRenderer.render(CheckReport.failed("fw1", "x"), 1).contains("ops_source_ip_check_status{target=\"fw1\"} 3\n"));
    }
}
