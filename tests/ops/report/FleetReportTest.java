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

/**
 * A small fleet through the same renderers: the summary first, then the audited firewalls' reports (a fleet of up to three
 * shows its OK ones too); one that could not be audited is UNKNOWN. LargeFleetReportTest has the fleet of 500.
 */
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
    void textOfASmallFleetIsTheSummaryThenEveryAuditedFirewallsReport() {
        String t = TextRenderer.render(fleet());
        assertEquals("route-audit fleet: UNKNOWN (3 firewalls: 1 critical, 0 warning, 1 unknown, 1 ok)\n\n"
                + "FIREWALL  STATUS    PROBLEM\n"
                + "fwA       CRITICAL  RA101 " + example("double-nat").findings().get(0).message() + " (+1 more)\n"
                + "fwB       UNKNOWN   ssh: connection refused | try later\n\n"
                + "OK: fwC (report below).\n\n"
                + "Below, the report of each firewall above that could be read, in that order.\n\n"
                + TextRenderer.render(new AuditReport(example("double-nat"))) + "\n"
                + TextRenderer.render(new AuditReport(example("fixed"))), t);
    }

    @Test
    void aFleetOfFourLeavesOutTheOkFirewallsReportsAndSaysHowToSeeOne() {
        List<FleetOutcome> four = new java.util.ArrayList<>();
        for (String n : List.of("fw1", "fw2", "fw3")) four.add(new FleetOutcome(n, Optional.of(example("fixed")), Optional.empty()));
        four.add(new FleetOutcome("fw4", Optional.empty(), Optional.of("no route to host")));
        assertEquals("route-audit fleet: UNKNOWN (4 firewalls: 0 critical, 0 warning, 1 unknown, 3 ok)\n\n"
                + "FIREWALL  STATUS   PROBLEM\n"
                + "fw4       UNKNOWN  no route to host\n\n"
                + "3 firewalls are OK (not listed; `route-audit FIREWALL` shows one firewall's report).\n", TextRenderer.render(new FleetReport(four)));
        four.set(3, new FleetOutcome("fw4", Optional.of(example("fixed")), Optional.empty()));
        assertEquals("route-audit fleet: OK (4 firewalls: 0 critical, 0 warning, 0 unknown, 4 ok)\n\n"
                + "All 4 firewalls are OK (not listed; `route-audit FIREWALL` shows one firewall's report).\n", TextRenderer.render(new FleetReport(four)));
    }

    @Test
    void jsonHoldsEachFirewallsReportOrItsError() {
        JsonNode j = Json.parse("json", JsonRenderer.render(fleet()), "json");
        assertEquals("UNKNOWN", j.get("status").asText());
        assertEquals(3, j.get("exitCode").asInt());
        assertEquals(Json.parse("summary", "{\"firewalls\":3,\"critical\":1,\"warning\":0,\"unknown\":1,\"ok\":1}", "json"), j.get("summary"));
        assertEquals(3, j.get("firewalls").size());
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
        assertEquals(7, p.lines().filter(l -> l.startsWith("# TYPE ")).count(), p);
        assertTrue(p.startsWith("# HELP ops_route_audit_status Audit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.\n"
                + "# TYPE ops_route_audit_status gauge\n"
                + "ops_route_audit_status{target=\"fwA\"} 2\nops_route_audit_status{target=\"fwB\"} 3\nops_route_audit_status{target=\"fwC\"} 0\n"), p);
        assertFalse(p.contains("ops_route_audit_paths{target=\"fwB\""), "an unaudited firewall has no paths");
        assertTrue(p.contains("# TYPE ops_route_audit_fleet_firewalls gauge\n"
                + "ops_route_audit_fleet_firewalls{status=\"ok\"} 1\nops_route_audit_fleet_firewalls{status=\"warning\"} 0\n"
                + "ops_route_audit_fleet_firewalls{status=\"critical\"} 1\nops_route_audit_fleet_firewalls{status=\"unknown\"} 1\n"), p);
        assertTrue(p.endsWith("ops_route_audit_last_run_timestamp_seconds{target=\"fwC\"} 1700000000\n"), p);
        assertEquals(7, PrometheusRenderer.render(new FleetReport(List.of()), 1).lines().filter(l -> l.startsWith("# TYPE ")).count(),
                "an empty fleet's file still has every gauge");
    }
}
