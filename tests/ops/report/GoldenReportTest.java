package ops.report;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.model.TopologyBuilder;
import ops.snapshot.SnapshotDir;
import ops.support.Repo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The text report of each example, compared with a reviewed copy (regenerate with the command in the message). */
class GoldenReportTest {
    @ParameterizedTest
    @ValueSource(strings = {"double-nat", "fixed"})
    void textReportMatchesTheReviewedCopy(String example) {
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Path.of("examples", example))));
        String expected = Repo.read("tests/fixtures/golden/" + example + ".txt");
        assertEquals(expected, TextRenderer.render(new AuditReport(r)), "if the change is intended: ./jbang scripts/route-audit.java --snapshot examples/"
                + example + " > tests/fixtures/golden/" + example + ".txt (from the repository root)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"double-nat", "fixed"})
    void jsonHoldsTheSameRowsAsTheTable(String example) {
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/" + example))));
        var json = new AuditReport(r).json();
        assertEquals(r.paths().size(), json.get("paths").size());
        for (int i = 0; i < r.paths().size(); i++) {
            assertEquals(r.paths().get(i).verdict().name(), json.get("paths").get(i).get("verdict").asText());
            assertEquals(r.paths().get(i).service(), json.get("paths").get(i).get("service").asText());
        }
        assertEquals(r.findings().size(), json.get("findings").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"double-nat", "fixed"})
    void nagiosStatusLineCarriesPerfdata(String example) {
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/" + example))));
        String first = NagiosRenderer.render(new AuditReport(r)).lines().findFirst().orElseThrow();
        assertTrue(first.startsWith("ROUTE-AUDIT " + r.status() + " - "), first);
        assertTrue(first.matches(".* \\| paths=6;;;0 .*critical=\\d+;;1;0 warning=\\d+;1;;0 ignored=\\d+;;;0"), first);
        assertEquals(1, first.chars().filter(c -> c == '|').count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"double-nat", "fixed"})
    void prometheusTextIsWellFormed(String example) {
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/" + example))));
        for (String line : PrometheusRenderer.render(new AuditReport(r), 1_800_000_000L).split("\n")) {
            assertTrue(line.startsWith("# HELP ") || line.startsWith("# TYPE ")
                    || line.matches("[a-z_]+\\{([a-z]+=\"([^\"\\\\]|\\\\.)*\",?)+\\} -?\\d+"), line);
        }
    }
}
