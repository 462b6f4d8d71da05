package ops.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.FleetOutcome;
import ops.base.ExitStatus;
import ops.json.Json;
import ops.model.TopologyBuilder;
import ops.snapshot.SnapshotDir;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/** A fleet through the same four renderers: each firewall's own report, then the summary; one that could not be audited is UNKNOWN. */
class FleetReportTest {
    private static AuditResult example(String name) {
        return Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/" + name))));
    }

    private static FleetReport fleet() {
        return new FleetReport(List.of(new FleetOutcome("fwA", Optional.of(example("double-nat")), Optional.empty()),
                new FleetOutcome("fwB", Optional.empty(), Optional.of("ssh: connection refused | try later")),
                new FleetOutcome("fwC", Optional.of(example("fixed")), Optional.empty())));
    }

    @Test
    void theStatusIsTheWorstAndAnUnauditedFirewallIsUnknown() {
        assertEquals(ExitStatus.UNKNOWN, fleet().status());
        assertEquals(ExitStatus.OK, new FleetReport(List.of()).status());
    }

    @Test
    void textIsEachFirewallsReportThenTheSummaryTable() {
        String t = TextRenderer.render(fleet());
        assertTrue(t.startsWith(TextRenderer.render(new AuditReport(example("double-nat"))) + "\nroute-audit fwB: UNKNOWN: ssh: connection refused | try later\n\n"), t);
        assertTrue(t.endsWith("\n\nFleet: UNKNOWN (1 critical, 0 warning, 1 unknown, 1 ok)\n"
                + "FIREWALL  STATUS    CRITICAL  WARNING  PATHS\n"
                + "fwA       CRITICAL  1         1        6\n"
                + "fwB       UNKNOWN   -         -        -\n"
                + "fwC       OK        0         0        6\n"), t);
    }

    @Test
    void jsonHoldsEachFirewallsReportOrItsError() {
        JsonNode j = Json.parse("json", JsonRenderer.render(fleet()), "json");
        assertEquals("UNKNOWN", j.get("status").asText());
        assertEquals(3, j.get("exitCode").asInt());
        assertEquals(new AuditReport(example("double-nat")).json(), j.get("firewalls").get(0));
        assertEquals("fwB", j.get("firewalls").get(1).get("target").asText());
        assertEquals(3, j.get("firewalls").get(1).get("exitCode").asInt());
        assertEquals("ssh: connection refused | try later", j.get("firewalls").get(1).get("error").asText());
    }

    @Test
    void nagiosCountsFirewallsThenOneLinePerFirewallThatIsNotOk() {
        assertEquals("ROUTE-AUDIT UNKNOWN - 3 firewalls: 1 critical, 0 warning, 1 unknown, 1 ok"
                + " | firewalls=3;;;0 ok=1;;;0 warning=0;;;0 critical=1;;;0 unknown=1;;;0\n"
                + "CRITICAL fwA: " + example("double-nat").findings().get(0).message() + "\n"
                + "UNKNOWN fwB: ssh: connection refused / try later\n", NagiosRenderer.render(fleet()));
    }

    @Test
    void aFirewallsDetailIsOneNagiosLineWhateverItsNameOrMessageHolds() {
        FleetReport r = new FleetReport(List.of(new FleetOutcome("fw|1", Optional.empty(), Optional.of("first line\nsecond | line"))));
        assertEquals("UNKNOWN fw/1: first line second / line\n", NagiosRenderer.render(r).lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
    }

    @Test
    void prometheusHasEachGaugeOnceWithOneSampleSetPerFirewall() {
        String p = PrometheusRenderer.render(fleet(), 1700000000);
        assertEquals(6, p.lines().filter(l -> l.startsWith("# TYPE ")).count(), p);
        assertTrue(p.startsWith("# HELP ops_route_audit_status Audit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n"
                + "# TYPE ops_route_audit_status gauge\n"
                + "ops_route_audit_status{target=\"fwA\"} 2\nops_route_audit_status{target=\"fwB\"} 3\nops_route_audit_status{target=\"fwC\"} 0\n"), p);
        assertFalse(p.contains("ops_route_audit_paths{target=\"fwB\""), "an unaudited firewall has no paths");
        assertTrue(p.endsWith("ops_route_audit_last_run_timestamp_seconds{target=\"fwC\"} 1700000000\n"), p);
        assertEquals(6, PrometheusRenderer.render(new FleetReport(List.of()), 1).lines().filter(l -> l.startsWith("# TYPE ")).count(),
                "an empty fleet's file still has every gauge");
    }
}
