package ops.monitoring;

import static ops.monitoring.RulesTestFile.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
        String r = RulesTestFile.run(tmp,
                group(Files.readString(doubleNat), false, 5,
                        expect("RouteAuditTriangular", "target: '" + dn + "', verdict: triangular, severity: critical",
                                "summary: '" + dn + ": 2 published path(s) TRIANGULAR'")
                        + expect("RouteAuditCriticalFinding", "target: '" + dn + "', code: RA101, name: triangular-routing, severity: critical",
                                "summary: '" + dn + ": RA101 triangular-routing'")
                        + silent("RouteAuditFailed", "RouteAuditStale", "SourceIpCheckDisagrees")),
                group(Files.readString(fixed), false, 5, silent(ALERTS.toArray(String[]::new))),
                group(Files.readString(failed), false, 5,
                        expect("RouteAuditFailed", "target: /nonexistent-snapshot, severity: warning",
                                "summary: '/nonexistent-snapshot: the check could not run (UNKNOWN); run it by hand to see why'")
                        + silent("RouteAuditStale", "RouteAuditTriangular", "RouteAuditCriticalFinding")),
                group(Files.readString(fixed), true, 180,
                        expect("RouteAuditStale", "target: '" + fx + "', severity: warning",
                                "summary: '" + fx + ": route-audit has not run for 3h 0m 0s'")
                        + silent("RouteAuditFailed", "RouteAuditTriangular")));
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
}
