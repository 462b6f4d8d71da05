package ops.report.html;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ops.audit.AuditResult;
import ops.report.AuditReport;
import ops.report.CheckReport;
import ops.report.Format;
import ops.report.Reports;
import ops.support.Chromium;
import ops.support.ReportInBrowser;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The HTML reports as headless Chromium (Debian's package) renders them; skipped with the reason when it is not installed. */
class BrowserReportTest {
    private static final long NOW = 1_790_000_000L;

    @ParameterizedTest
    @ValueSource(strings = {"double-nat", "fixed"})
    void anExamplesReportLoadsCleanlyWithEveryPathsArrowsAndLabels(String example) throws Exception {
        AuditResult r = HtmlReports.example(example);
        Document dom = ReportInBrowser.check(Reports.render(new AuditReport(r), Format.html, NOW), Scene.of(r), 0);
        assertEquals(r.paths().size(), dom.select("table tbody tr").size(), "the matrix");
    }

    @Test
    void aSourceIpCheckReportLoadsCleanlyWithItsTriangleDrawnOutByTheOtherGateway() throws Exception {
        var r = CheckResults.disagreeing();
        Document dom = ReportInBrowser.check(Reports.render(new CheckReport(r), Format.html, NOW), Scene.of(r), 0);
        assertEquals(1, dom.select("tr.disagrees").size());
        assertEquals("EDGE1_VPNV4", Scene.of(r).lanes().get(1).replyVia());
    }

    @Test
    void aHostileGatewayDescriptionIsShownAsText() throws Exception {
        AuditResult r = HtmlReports.hostile();
        Document dom = ReportInBrowser.check(Reports.render(new AuditReport(r), Format.html, NOW), Scene.of(r), 0);
        assertTrue(dom.select("script, b").isEmpty(), "no element made from a name");
        dom.getAllElements().forEach(e -> e.attributes().forEach(a -> assertFalse(a.getKey().startsWith("on"), "no handler: " + a)));
        assertTrue(dom.selectFirst("h1").text().contains(HtmlReports.HOSTILE), dom.selectFirst("h1").text());
        assertTrue(dom.select("ol.findings").text().contains("EDGE2_VPNV4: " + HtmlReports.HOSTILE));
    }

    @Test
    void aHostileRuleDescriptionReadFromConfigXmlIsShownAsText(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        AuditResult r = HtmlReports.hostileConfig(dir);
        assertTrue(r.findings().stream().anyMatch(f -> f.fix().contains(HtmlReports.HOSTILE)), "the description reaches a finding");
        Document dom = ReportInBrowser.check(Reports.render(new AuditReport(r), Format.html, NOW), Scene.of(r), 0);
        assertTrue(dom.select("script").isEmpty());
        assertTrue(dom.select("ol.findings .fix code").eachText().stream().anyMatch(t -> t.contains(HtmlReports.HOSTILE)),
                dom.select("ol.findings").text());
    }

    /** The console check itself can fail: a page whose inline script the policy refuses is caught. */
    @Test
    void aPageThatLogsAnErrorIsCaught() throws Exception {
        Path f = Files.createTempFile("ops-bad", ".html");
        try {
            String html = Reports.render(new AuditReport(HtmlReports.example("fixed")), Format.html, NOW);
            Files.writeString(f, html.replace("</body>", "<script>console.log('x')</script></body>"));
            List<String> console = Chromium.load(f).console();
            assertEquals(1, console.size(), console.toString());
            assertTrue(console.get(0).contains("Content Security Policy"), console.get(0));
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
