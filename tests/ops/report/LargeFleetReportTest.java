package ops.report;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.FleetOutcome;
import ops.json.Json;
import ops.model.TopologyBuilder;
import ops.monitoring.Promtool;
import ops.snapshot.SnapshotDir;
import ops.support.Repo;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `route-audit --all` over 500 firewalls through every format: 150 critical, 100 warning, 50 that could
 * not be reached and 200 OK, interleaved as an inventory would have them. The text starts with the summary
 * and lists only the 300 that are not OK; JSON and Prometheus hold each of the 500 once.
 */
class LargeFleetReportTest {
    static final int FLEET = 500, CRITICAL = 150, WARNING = 100, UNKNOWN = 50, OK = 200;
    static FleetReport fleet;
    static List<String> okNames = new ArrayList<>(), notOkNames = new ArrayList<>();

    private static AuditResult example(String name) {
        return Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/" + name))));
    }

    /** The same answer under the firewall's own name, as a live audit of it would be. */
    private static AuditResult named(AuditResult r, String name) {
        return new AuditResult(name, r.paths(), r.findings(), r.edges(), r.ignored(), r.landscape(), r.live());
    }

    @BeforeAll
    static void fleetOf500() {
        AuditResult critical = example("double-nat"), ok = example("fixed");
        AuditResult warning = critical.ignoring(List.of(Code.parse("RA101"))); // its RA109 is left: WARNING
        assertEquals(ops.base.ExitStatus.WARNING, warning.status());
        List<FleetOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < FLEET; i++) {
            String fw = String.format("fw-%03d", i);
            int slot = i % 10; // 3 of 10 critical, 2 warning, 1 unreachable, 4 OK
            FleetOutcome o = slot < 3 ? new FleetOutcome(fw, Optional.of(named(critical, fw)), Optional.empty())
                    : slot < 5 ? new FleetOutcome(fw, Optional.of(named(warning, fw)), Optional.empty())
                    : slot < 6 ? new FleetOutcome(fw, Optional.empty(), Optional.of("ssh: connect to host " + fw + " port 22: Connection refused"))
                    : new FleetOutcome(fw, Optional.of(named(ok, fw)), Optional.empty());
            (slot < 6 ? notOkNames : okNames).add(fw);
            outcomes.add(o);
        }
        fleet = new FleetReport(outcomes);
    }

    @Test
    void textStartsWithTheCountsThenOneLinePerFirewallThatIsNotOk() {
        List<String> lines = TextRenderer.render(fleet).lines().toList();
        assertEquals("route-audit fleet: UNKNOWN (500 firewalls: 150 critical, 100 warning, 50 unknown, 200 ok)", lines.get(0));
        assertEquals("", lines.get(1));
        assertEquals("FIREWALL  STATUS    PROBLEM", lines.get(2));
        int end = lines.subList(2, lines.size()).indexOf("") + 2; // the blank line after the table
        List<String> summary = lines.subList(3, end);
        assertEquals(CRITICAL + WARNING + UNKNOWN, summary.size(), String.join("\n", summary));
        Pattern row = Pattern.compile("(fw-\\d{3})  +(CRITICAL|WARNING|UNKNOWN)  +(\\S.*)");
        List<String> names = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        for (String l : summary) {
            Matcher m = row.matcher(l);
            assertTrue(m.matches(), l);
            names.add(m.group(1));
            statuses.add(m.group(2));
        }
        assertEquals(Set.copyOf(notOkNames), Set.copyOf(names));
        assertEquals(names.size(), Set.copyOf(names).size(), "each firewall once");
        List<String> grouped = new ArrayList<>(java.util.Collections.nCopies(CRITICAL, "CRITICAL"));
        grouped.addAll(java.util.Collections.nCopies(WARNING, "WARNING"));
        grouped.addAll(java.util.Collections.nCopies(UNKNOWN, "UNKNOWN"));
        assertEquals(grouped, statuses, "critical, then warning, then unknown");
        assertEquals(List.of("fw-000", "fw-001", "fw-002", "fw-010"), names.subList(0, 4), "each group in the fleet's order");
        assertEquals("fw-005    UNKNOWN   ssh: connect to host fw-005 port 22: Connection refused",
                summary.stream().filter(l -> l.startsWith("fw-005 ")).findFirst().orElseThrow(), "an unreachable firewall says why");
        assertEquals("200 firewalls are OK (not listed; `route-audit FIREWALL` shows one firewall's report).", lines.get(end + 1));
        assertEquals("", lines.get(end + 2));
        assertEquals("Below, the report of each firewall above that could be read, in that order.", lines.get(end + 3));
        assertEquals("route-audit fw-000: CRITICAL (1 critical, 1 warning, 2 info; 6 paths)", lines.get(end + 5), "then the first one's report");
    }

    @Test
    void textDetailsOnlyTheAuditedFirewallsThatAreNotOk() {
        String t = TextRenderer.render(fleet);
        Set<String> titled = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^route-audit (fw-\\d{3}): (\\w+) \\(").matcher(t);
        while (m.find()) {
            assertNotEquals("OK", m.group(2), m.group());
            assertTrue(titled.add(m.group(1)), "one report each: " + m.group(1));
        }
        assertEquals(CRITICAL + WARNING, titled.size());
        for (String ok : okNames) assertFalse(t.contains(ok), ok + " is only counted");
    }

    @Test
    void jsonHasOneEntryPerFirewallAndTheCounts() {
        JsonNode j = Json.parse("fleet", JsonRenderer.render(fleet), "json");
        assertEquals("UNKNOWN", j.get("status").asText());
        assertEquals(FLEET, j.get("summary").get("firewalls").asInt());
        assertEquals(CRITICAL, j.get("summary").get("critical").asInt());
        assertEquals(WARNING, j.get("summary").get("warning").asInt());
        assertEquals(UNKNOWN, j.get("summary").get("unknown").asInt());
        assertEquals(OK, j.get("summary").get("ok").asInt());
        assertEquals(FLEET, j.get("firewalls").size());
        Set<String> targets = new HashSet<>();
        int ok = 0;
        for (JsonNode f : j.get("firewalls")) {
            targets.add(f.get("target").asText());
            if (f.get("status").asText().equals("OK")) ok++;
        }
        assertEquals(FLEET, targets.size(), "unique names");
        assertEquals(OK, ok);
    }

    @Test
    void prometheusPassesPromtoolWithEachFamilyOnceAndEveryFirewallLabelled(@TempDir Path tmp) throws Exception {
        String p = PrometheusRenderer.render(fleet, 1_800_000_000L);
        List<String> types = p.lines().filter(l -> l.startsWith("# TYPE ")).toList();
        assertEquals(7, types.size(), String.join("\n", types));
        assertEquals(types.size(), Set.copyOf(types).size(), "no metric family twice");
        Set<String> labelled = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^ops_route_audit_status\\{target=\"([^\"]+)\"\\} [0-3]$").matcher(p);
        while (m.find()) assertTrue(labelled.add(m.group(1)), "one status per firewall: " + m.group(1));
        assertEquals(FLEET, labelled.size());
        assertEquals(FLEET, p.lines().filter(l -> l.startsWith("ops_route_audit_last_run_timestamp_seconds{")).count());
        assertTrue(p.contains("ops_route_audit_fleet_firewalls{status=\"ok\"} 200\nops_route_audit_fleet_firewalls{status=\"warning\"} 100\n"
                + "ops_route_audit_fleet_firewalls{status=\"critical\"} 150\nops_route_audit_fleet_firewalls{status=\"unknown\"} 50\n"), p);
        assumeTrue(Promtool.present(), "promtool missing (Debian package prometheus; tests/run installs it as root)");
        Path file = tmp.resolve("route_audit.prom");
        Files.writeString(file, p);
        assertNull(Promtool.checkMetrics(file));
    }

    @Test
    void nagiosHasOneDetailLinePerFirewallThatIsNotOk() {
        List<String> lines = NagiosRenderer.render(fleet).lines().toList();
        assertEquals("ROUTE-AUDIT UNKNOWN - 500 firewalls: 150 critical, 100 warning, 50 unknown, 200 ok"
                + " | firewalls=500;;;0 ok=200;;;0 warning=100;;;0 critical=150;;;0 unknown=50;;;0", lines.get(0));
        List<String> details = lines.subList(1, lines.size());
        assertEquals(CRITICAL + WARNING + UNKNOWN, details.size());
        Set<String> names = new HashSet<>();
        for (String d : details) {
            Matcher m = Pattern.compile("(CRITICAL|WARNING|UNKNOWN) (fw-\\d{3}): \\S.*").matcher(d);
            assertTrue(m.matches(), d);
            names.add(m.group(2));
        }
        assertEquals(Set.copyOf(notOkNames), names);
    }

    @Test
    void htmlStartsWithTheSummaryAndHasASectionPerAuditedFirewallThatIsNotOk() {
        org.jsoup.nodes.Document d = Jsoup.parse(HtmlRenderer.render(fleet, 1_800_000_000L));
        assertEquals("UNKNOWN route-audit fleet: UNKNOWN (500 firewalls: 150 critical, 100 warning, 50 unknown, 200 ok)", d.selectFirst("h1").text());
        var summary = d.selectFirst("section.summary");
        assertEquals(CRITICAL + WARNING + UNKNOWN, summary.select("tbody tr").size());
        assertEquals(CRITICAL + WARNING, summary.select("tbody tr td a").size(), "a link to each section; an unreachable one has none");
        assertEquals(CRITICAL + WARNING, d.select("section.firewall").size());
        for (var a : summary.select("tbody tr td a")) assertNotNull(d.getElementById(a.attr("href").substring(1)), a.attr("href"));
    }
}
