package ops.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import ops.support.Repo;
import ops.support.ScriptRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitoring/route-audit.rules.yml against what route-audit itself writes for node_exporter:
 * examples/double-nat (a TRIANGULAR path, a critical finding) fires, examples/fixed stays
 * silent, a run that failed fires RouteAuditFailed, a textfile nobody rewrites goes stale.
 */
class PrometheusRulesTest {
    static final Path RULES = Repo.path("monitoring/route-audit.rules.yml");
    static final List<String> ALERTS = List.of("RouteAuditFailed", "RouteAuditStale", "RouteAuditTriangular", "RouteAuditCriticalFinding", "SourceIpCheckDisagrees");
    @TempDir Path tmp;

    @BeforeEach
    void promtool() {
        assumeTrue(Promtool.present(), "promtool missing (Debian package prometheus; tests/run installs it as root)");
    }

    @Test
    void rulesFileIsValid() throws Exception {
        String r = Promtool.run(null, "check", "rules", RULES.toString());
        assertEquals("0", r.lines().findFirst().orElse(""), r);
    }

    @Test
    void triangularFiresFixedIsSilentFailedFiresAndAnOldTextfileIsStale() throws Exception {
        Path doubleNat = textfile("double-nat", "--snapshot", Repo.path("examples/double-nat").toString());
        Path fixed = textfile("fixed", "--snapshot", Repo.path("examples/fixed").toString());
        Path failed = textfile("failed", "--snapshot", "/nonexistent-snapshot");
        String dn = Repo.path("examples/double-nat").toString(), fx = Repo.path("examples/fixed").toString();
        String test = "rule_files: ['" + RULES + "']\nevaluation_interval: 1m\ntests:\n"
                + group(Files.readString(doubleNat), false, 5,
                        expect("RouteAuditTriangular", "target: '" + dn + "', verdict: triangular, severity: critical",
                                "summary: '" + dn + ": 2 published path(s) TRIANGULAR'")
                        + expect("RouteAuditCriticalFinding", "target: '" + dn + "', code: RA101, name: triangular-routing, severity: critical",
                                "summary: '" + dn + ": RA101 triangular-routing'")
                        + silent("RouteAuditFailed", "RouteAuditStale", "SourceIpCheckDisagrees"))
                + group(Files.readString(fixed), false, 5, silent(ALERTS.toArray(String[]::new)))
                + group(Files.readString(failed), false, 5,
                        expect("RouteAuditFailed", "target: /nonexistent-snapshot, severity: warning",
                                "summary: '/nonexistent-snapshot: the check could not run (UNKNOWN); run it by hand to see why'")
                        + silent("RouteAuditStale", "RouteAuditTriangular", "RouteAuditCriticalFinding"))
                + group(Files.readString(fixed), true, 180,
                        expect("RouteAuditStale", "target: '" + fx + "', severity: warning",
                                "summary: '" + fx + ": route-audit has not run for 3h 0m 0s'")
                        + silent("RouteAuditFailed", "RouteAuditTriangular"));
        Path testFile = tmp.resolve("route-audit.test.yml");
        Files.writeString(testFile, test);
        String r = Promtool.run(null, "test", "rules", testFile.toString());
        assertEquals("0", r.lines().findFirst().orElse(""), r);
    }

    /** The textfile `route-audit ARGS --format prometheus -o FILE` writes; promtool must accept it. */
    private Path textfile(String name, String... args) throws Exception {
        Path out = tmp.resolve(name + ".prom");
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--format", "prometheus", "-o", out.toString()));
        ScriptRun.of("RouteAudit", all.toArray(String[]::new));
        assertNull(Promtool.checkMetrics(out), "promtool check metrics " + out);
        return out;
    }

    /** A promtool test group: every sample of the textfile as a constant series, then the expectations at MINUTES. */
    private static String group(String textfile, boolean writtenAtZero, int minutes, String expectations) {
        String series = textfile.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> {
            int cut = l.lastIndexOf(' ');
            String value = writtenAtZero && l.startsWith("ops_route_audit_last_run_timestamp_seconds") ? "0" : l.substring(cut + 1);
            return "      - series: '" + l.substring(0, cut) + "'\n        values: '" + value + "+0x" + (minutes + 5) + "'\n";
        }).collect(Collectors.joining());
        return "  - interval: 1m\n    input_series:\n" + series + "    alert_rule_test:\n" + expectations.replace("EVAL", minutes + "m");
    }

    private static String expect(String alert, String labels, String annotations) {
        return "      - eval_time: EVAL\n        alertname: " + alert + "\n        exp_alerts:\n          - exp_labels: {" + labels + "}\n"
                + "            exp_annotations: {" + annotations + "}\n";
    }

    private static String silent(String... alerts) {
        return java.util.Arrays.stream(alerts).map(a -> "      - eval_time: EVAL\n        alertname: " + a + "\n        exp_alerts: []\n").collect(Collectors.joining());
    }
}
