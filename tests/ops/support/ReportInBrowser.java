package ops.support;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import ops.audit.Verdict;
import ops.report.html.Scene;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * An HTML report opened in headless Chromium and checked on what the browser built: it loads
 * without a console message (no error, no refused script or fetch), and every path of the scene
 * has its arrows (way in, and reply unless it is blocked or down) and its labels.
 */
public final class ReportInBrowser {
    private ReportInBrowser() {}

    /** The DOM Chromium built from {@code html}, after the checks; {@code diagram} is which diagram of the page (0 for the first). */
    public static Document check(String html, Scene scene, int diagram) throws Exception {
        Path file = Files.createTempFile("ops-report", ".html");
        try {
            Files.writeString(file, html);
            Chromium.Page page = Chromium.load(file);
            assertEquals(List.of(), page.console(), "the page logs nothing to the browser's console");
            Document dom = Jsoup.parse(page.dom());
            assertTrue(dom.select("script").isEmpty(), "no script element");
            Element svg = dom.select("svg.diagram").get(diagram);
            for (int i = 0; i < scene.lanes().size(); i++) {
                Scene.Lane l = scene.lanes().get(i);
                String what = l.gateway() + " " + l.service();
                assertFalse(svg.select("polyline.wire.in[data-lane=" + i + "][marker-end]").isEmpty(), "an arrow in for " + what);
                boolean reply = !l.replyVia().isEmpty();
                assertEquals(reply, !svg.select("polyline.wire.reply[data-lane=" + i + "]").isEmpty(), "a reply arrow for " + what);
                if (l.crosses()) {
                    assertFalse(svg.select("polyline.wire.reply.v-triangular[data-lane=" + i + "]").isEmpty() && l.style() == Verdict.TRIANGULAR,
                            "the triangular reply of " + what + " is drawn as one");
                }
                String labels = svg.select("text.label").eachText().toString();
                assertTrue(labels.contains(cut("in " + l.service())), "label 'in " + l.service() + "' in " + labels);
                assertTrue(svg.select("g.box.server text").eachText().stream().anyMatch(t -> t.startsWith(l.label())),
                        "the verdict " + l.label() + " of " + what + " is written beside it");
            }
            return dom;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /**
     * The same checks for a page made elsewhere (a script's -o file), its paths read from the page
     * itself: one server box per path; an arrow in for each; a reply for each whose verdict has one.
     *
     * @return how many paths the diagram draws
     */
    public static int checkFile(Path html) throws Exception {
        Chromium.Page page = Chromium.load(html);
        assertEquals(List.of(), page.console(), "the page logs nothing to the browser's console");
        Document dom = Jsoup.parse(page.dom());
        assertTrue(dom.select("script").isEmpty(), "no script element");
        Element svg = dom.selectFirst("svg.diagram");
        assertNotNull(svg, "a diagram");
        List<Element> servers = svg.select("g.box.server");
        for (int i = 0; i < servers.size(); i++) {
            String verdict = servers.get(i).select("text").get(1).text();
            assertFalse(svg.select("polyline.wire.in[data-lane=" + i + "][marker-end]").isEmpty(), "an arrow in for path " + i);
            if (verdict.matches("(PRESERVED|MASQUERADED|TRIANGULAR).*")) {
                assertFalse(svg.select("polyline.wire.reply[data-lane=" + i + "]").isEmpty(), "a reply arrow for path " + i + ": " + verdict);
            }
        }
        assertEquals(servers.size(), svg.select("text.label").stream().filter(t -> t.text().startsWith("in ")).count(), "an 'in' label per path");
        return servers.size();
    }

    private static String cut(String s) {
        return s.length() > 20 ? s.substring(0, 20) : s;
    }
}
