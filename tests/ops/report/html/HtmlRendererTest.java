package ops.report.html;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import ops.audit.FleetOutcome;
import ops.audit.Verdict;
import ops.report.AuditReport;
import ops.report.FleetReport;
import ops.report.Format;
import ops.report.Reports;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The HTML page as data: self-contained, the paths drawn, the findings linked, names from config.xml kept as text. */
class HtmlRendererTest {
    private static final long NOW = 1_790_000_000L;

    @Test
    void thePageFetchesNothingAndRunsNothing() {
        Document d = Jsoup.parse(Reports.render(new AuditReport(HtmlReports.example("double-nat")), Format.html, NOW));
        assertTrue(d.select("script, link, iframe, object, embed, img, [src]").isEmpty(), "nothing to fetch or run");
        for (Element a : d.select("[href]")) assertTrue(a.attr("href").startsWith("#"), "only links inside the page: " + a);
        for (Element e : d.getAllElements()) {
            e.attributes().forEach(x -> assertFalse(x.getKey().startsWith("on"), "no event handler: " + e.tagName() + " " + x));
        }
        assertTrue(d.select("style").first().data().contains("@media print"), "a print style");
        assertFalse(d.select("style").first().data().contains("url("), "no fetched fonts or images");
    }

    @Test
    void theDoubleNatPageHasTheStatusTheTimeTheSourceAndEveryPath() {
        var r = HtmlReports.example("double-nat");
        Document d = Jsoup.parse(Reports.render(new AuditReport(r), Format.html, NOW));
        assertEquals("CRITICAL", d.selectFirst("h1 .status").text());
        String when = d.selectFirst("p.when").text();
        assertTrue(when.contains("2026-09-21 14:13:20 UTC") && when.contains("the snapshot folder"), when);
        Element svg = d.selectFirst("svg.diagram");
        for (int i = 0; i < r.paths().size(); i++) {
            assertFalse(svg.select("polyline.in[data-lane=" + i + "]").isEmpty(), "way in of path " + i);
            assertFalse(svg.select("polyline.reply[data-lane=" + i + "]").isEmpty(), "reply of path " + i);
        }
        // EDGE2's replies leave by EDGE1: each turns (4 points) towards the other gateway, dash-dotted and labelled
        assertEquals(2, svg.select("polyline.reply.v-triangular").stream().filter(p -> p.attr("points").split(" ").length == 4).count());
        assertEquals(2, svg.select("text.label").stream().filter(t -> t.text().startsWith("reply leaves by EDGE1")).count());
        assertTrue(svg.select("g.box.strong").text().contains("EDGE1_VPNV4"), "the default route's holder is marked");
        assertTrue(svg.select("g.box.edge").text().contains("masquerade OFF"), svg.select("g.box.edge").text());
        assertTrue(d.select("td.v-triangular").size() == 2, "verdict cells marked in the matrix");
        Element finding = d.selectFirst("ol.findings li.sev-critical a");
        assertEquals("#code-RA101", finding.attr("href"));
        assertNotNull(d.getElementById("code-RA101"), "the code's explanation on the page");
        assertTrue(d.getElementById("code-RA101").nextElementSibling().text().contains("docs/findings.md#ra101-triangular-routing"));
    }

    @Test
    void namesFromTheConfigAreTextNeverMarkup() {
        String html = Reports.render(new AuditReport(HtmlReports.hostile()), Format.html, NOW);
        Document d = Jsoup.parse(html);
        assertTrue(d.select("script, b").isEmpty(), "no element made from a name");
        assertFalse(html.contains("<script>alert"), "escaped in the file itself");
        for (Element e : d.getAllElements()) {
            e.attributes().forEach(x -> assertFalse(x.getKey().startsWith("on"), "no attribute made from a name: " + x));
        }
        assertTrue(d.select("h1").text().contains(HtmlReports.HOSTILE), "the target as text");
        assertTrue(d.select("svg title").eachText().stream().anyMatch(t -> t.contains(HtmlReports.HOSTILE)), "the whole description in a tooltip");
        assertTrue(d.select("ol.findings").text().contains(HtmlReports.HOSTILE), "the finding as text");
        assertTrue(d.select("figcaption .group").text().contains("G" + HtmlReports.HOSTILE), "the group as text");
    }

    @Test
    void aFleetPageStartsWithItsSummaryThenASectionPerAuditedFirewall() {
        FleetReport f = new FleetReport(List.of(new FleetOutcome("fwA", Optional.of(HtmlReports.example("double-nat")), Optional.empty()),
                new FleetOutcome("fwB", Optional.empty(), Optional.of("ssh: connection refused")),
                new FleetOutcome("fwC", Optional.of(HtmlReports.example("fixed")), Optional.empty())));
        Document d = Jsoup.parse(Reports.render(f, Format.html, NOW));
        assertEquals("UNKNOWN route-audit fleet: UNKNOWN (3 firewalls: 1 critical, 0 warning, 1 unknown, 1 ok)", d.selectFirst("h1").text());
        Element summary = d.selectFirst("section.summary");
        assertEquals(List.of("fwA", "fwB"), summary.select("tbody tr td:first-child").eachText(), "the firewalls that are not OK");
        assertTrue(summary.select("tbody tr").get(1).text().contains("UNKNOWN ssh: connection refused"), "an unreachable one says why");
        assertEquals(List.of("#fw-0"), summary.select("tbody tr td a").eachAttr("href"), "the unreachable one has no section to link to");
        assertEquals("OK: fwC (report below).", summary.selectFirst("p").text());
        assertEquals(List.of("fw-0", "fw-2"), d.select("section.firewall").eachAttr("id"), "a small fleet shows its OK firewall too");
        assertEquals(2, d.select("section.firewall svg.diagram").size(), "one diagram per firewall that was audited");
        // each diagram's markers have ids of their own
        List<String> ids = d.select("marker").eachAttr("id");
        assertEquals(ids.size(), ids.stream().distinct().count());
        assertTrue(summary.elementSiblingIndex() < d.getElementById("fw-0").elementSiblingIndex());
    }

    @Test
    void sourceIpCheckShowsMeasuredBesidePredictedAndMarksEveryDisagreement() {
        var r = CheckResults.disagreeing();
        Document d = Jsoup.parse(Reports.render(new ops.report.CheckReport(r), Format.html, NOW));
        assertEquals(1, d.select("tr.disagrees").size());
        assertTrue(d.selectFirst("tr.disagrees").text().contains("TRIANGULAR") && d.selectFirst("tr.disagrees").text().contains("MASQUERADED"));
        assertTrue(d.select("g.box.server").text().contains("TRIANGULAR \u2260 predicted MASQUERADED"), d.select("g.box.server").text());
        assertTrue(d.select("g.box.server").text().contains("PRESERVED = predicted PRESERVED"));
        assertEquals(Verdict.TRIANGULAR.name(), Scene.of(r).lanes().get(1).style().name());
    }
}
