package ops.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import ops.audit.Code;
import ops.audit.Finding;
import ops.audit.Verdict;
import ops.report.html.PageStyle;
import ops.report.html.PathDiagram;
import ops.report.html.Scene;
import org.jsoup.nodes.Document.OutputSettings;
import org.jsoup.nodes.Element;

/**
 * Any report as one self-contained HTML page (styles inline, no script, nothing fetched): the
 * document's head and sections as headings, lists and tables, the findings linked to what their
 * codes mean, and the paths drawn as inline SVG. Built as a jsoup document, so every name read
 * from a firewall or an edge is escaped as text. A fleet's page starts with its summary, then the
 * sections of the firewalls FleetReport details (not the OK ones of a large fleet).
 */
public final class HtmlRenderer {
    private HtmlRenderer() {}

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    public static String render(Report r, long nowSeconds) {
        org.jsoup.nodes.Document page = org.jsoup.nodes.Document.createShell("");
        page.outputSettings(new OutputSettings().charset("UTF-8").prettyPrint(false));
        Element head = page.head();
        head.appendElement("meta").attr("charset", "utf-8");
        head.appendElement("meta").attr("name", "viewport").attr("content", "width=device-width, initial-scale=1");
        // no script may run, nothing may be fetched: the page is a picture and tables, openable offline
        head.appendElement("meta").attr("http-equiv", "Content-Security-Policy")
                .attr("content", "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
        head.appendElement("style").appendChild(new org.jsoup.nodes.DataNode(PageStyle.CSS));
        Element body = page.body();
        String when = WHEN.format(Instant.ofEpochSecond(nowSeconds));
        Set<Code> codes = new LinkedHashSet<>();
        if (r instanceof FleetReport f) {
            page.title("route-audit fleet: " + f.status());
            body.appendElement("h1").appendChild(status(f.status())).appendText(" " + f.title());
            body.appendElement("p").addClass("when").text("Generated " + when + ".");
            Element nav = body.appendElement("section").addClass("summary");
            List<FleetReport.Member> notOk = f.notOk(), detailed = f.detailed();
            // a row links to its firewall's section; an unreachable one has none (its row says why)
            if (!notOk.isEmpty()) grid(nav, f.summary(), i -> notOk.get(i).audited() ? "fw-" + notOk.get(i).index() : null);
            f.okLine().ifPresent(l -> nav.appendElement("p").text(l));
            for (FleetReport.Member m : detailed) {
                Element s = body.appendElement("section").addClass("firewall").id("fw-" + m.index());
                report(s, m.report(), "h2", "d" + m.index(), when, codes);
            }
        } else {
            page.title(r.document().head().isEmpty() ? "report" : r.document().head().get(0));
            report(body, r, "h1", "d0", when, codes);
        }
        if (!codes.isEmpty()) glossary(body, codes);
        return "<!DOCTYPE html>\n" + page.outerHtml() + "\n";
    }

    private static void report(Element parent, Report r, String heading, String id, String when, Set<Code> codes) {
        Document d = r.document();
        List<String> head = d.head();
        Element h = parent.appendElement(heading).appendChild(status(r.status()));
        h.appendText(" " + (head.isEmpty() ? "" : head.get(0)));
        for (String line : head.subList(Math.min(1, head.size()), head.size())) parent.appendElement("p").addClass("head").text(line);
        parent.appendElement("p").addClass("when").text("Generated " + when + (r.readFrom().isEmpty() ? "" : ", read from " + r.readFrom()) + ".");
        r.scene().filter(s -> !s.lanes().isEmpty() || !s.landscape().gateways().isEmpty()).ifPresent(s -> {
            Element fig = parent.appendElement("figure").addClass("paths");
            Element scroll = fig.appendElement("div").addClass("scroll");
            PathDiagram.draw(scroll, s, head.isEmpty() ? "" : firewall(head.get(0)), id);
            legend(fig.appendElement("figcaption"), id, s);
        });
        for (Section s : d.sections()) section(parent, s, codes);
    }

    /** "route-audit fw1: CRITICAL (…)" → "fw1". */
    private static String firewall(String title) {
        String who = title.contains(": ") ? title.substring(0, title.indexOf(": ")) : title;
        String[] words = who.split(" ", 3);
        return words.length > 1 ? words[1] : who;
    }

    private static void legend(Element cap, String id, Scene s) {
        cap.appendElement("span").text("Arrows right: the way in; arrows left: the reply. ");
        for (Verdict v : List.of(Verdict.PRESERVED, Verdict.MASQUERADED, Verdict.TRIANGULAR, Verdict.BLOCKED, Verdict.DOWN, Verdict.UNKNOWN)) {
            Element item = cap.appendElement("span").addClass("key");
            PathDiagram.sample(item, v, id + "-key");
            item.appendText(" " + v.name() + " ");
        }
        for (var g : s.landscape().groups()) {
            StringBuilder t = new StringBuilder("Failover group " + g.name() + ":");
            for (int i = 0; i < g.tiers().size(); i++) t.append(i == 0 ? " " : "; ").append("tier ").append(i + 1).append(' ').append(String.join(", ", g.tiers().get(i)));
            cap.appendElement("span").addClass("group").text(t.toString());
        }
    }

    private static void section(Element parent, Section s, Set<Code> codes) {
        if (s instanceof Document d) {
            for (String l : d.head()) parent.appendElement("p").text(l);
            for (Section x : d.sections()) section(parent, x, codes);
        } else if (s instanceof Section.Lines l) {
            Element div = parent.appendElement("div").addClass("lines");
            l.lines().forEach(x -> div.appendElement("p").text(x));
        } else if (s instanceof Section.Items i) {
            parent.appendElement("h3").text(i.heading().replaceAll(":$", ""));
            Element ul = parent.appendElement("ul");
            i.items().forEach(x -> ul.appendElement("li").text(x));
        } else if (s instanceof Section.Grid g) {
            grid(parent, g, null);
        } else if (s instanceof Section.Findings f) {
            findings(parent, f, codes);
        }
    }

    private static void grid(Element parent, Section.Grid g, java.util.function.IntFunction<String> link) {
        Element wrap = parent.appendElement("div").addClass("scroll");
        Element table = wrap.appendElement("table");
        if (g.heading() != null) table.appendElement("caption").text(g.heading());
        String[] header = g.rows().get(0);
        Element tr = table.appendElement("thead").appendElement("tr");
        for (String h : header) tr.appendElement("th").attr("scope", "col").text(h);
        int agrees = List.of(header).indexOf("AGREES");
        Element tbody = table.appendElement("tbody");
        for (int r = 1; r < g.rows().size(); r++) {
            String[] row = g.rows().get(r);
            Element line = tbody.appendElement("tr");
            if (agrees >= 0 && row[agrees].equals("NO")) line.addClass("disagrees");
            for (int c = 0; c < row.length; c++) {
                Element td = line.appendElement("td");
                String cls = verdictClass(row[c]);
                if (cls != null) td.addClass(cls);
                if (c == agrees && row[c].equals("NO")) td.appendElement("strong").text("\u2260 NO (measured and predicted differ)");
                else if (c == 0 && link != null && link.apply(r - 1) != null) td.appendElement("a").attr("href", "#" + link.apply(r - 1)).text(row[c]);
                else td.text(row[c]);
            }
        }
    }

    /** The class of a verdict or status cell ("v-triangular"), null for any other text. */
    private static String verdictClass(String cell) {
        return switch (cell) {
            case "PRESERVED", "MASQUERADED", "TRIANGULAR", "BLOCKED", "DOWN", "UNKNOWN" -> "v-" + cell.toLowerCase(Locale.ROOT);
            case "NOT-REACHED" -> "v-down";
            case "NO-REPLY" -> "v-blocked";
            case "OK", "WARNING", "CRITICAL" -> "s-" + cell.toLowerCase(Locale.ROOT);
            default -> null;
        };
    }

    private static void findings(Element parent, Section.Findings f, Set<Code> codes) {
        if (!f.ignored() && f.findings().isEmpty()) {
            parent.appendElement("p").text("No findings.");
            return;
        }
        parent.appendElement("h3").text(f.ignored() ? "Ignored (accepted with --ignore or the inventory; not in the status)" : "Findings");
        Element ol = parent.appendElement("ol").addClass("findings");
        for (Finding x : f.findings()) {
            codes.add(x.code());
            Element li = ol.appendElement("li").addClass("sev-" + x.severity().name().toLowerCase(Locale.ROOT));
            li.appendElement("span").addClass("sev").text(x.severity().name());
            li.appendText(" ");
            li.appendElement("a").attr("href", "#code-" + x.code().id).text(x.code().id + " " + x.code().slug);
            li.appendText(": " + x.message());
            if (!f.ignored()) li.appendElement("div").addClass("fix").appendText("fix: ").appendElement("code").text(x.fix());
        }
    }

    /** What each code on the page means: its line here, its section in docs/findings.md. */
    private static void glossary(Element body, Set<Code> codes) {
        Element sec = body.appendElement("section").addClass("glossary");
        sec.appendElement("h2").text("What the findings mean");
        Element dl = sec.appendElement("dl");
        for (Code c : Code.values()) {
            if (!codes.contains(c)) continue;
            dl.appendElement("dt").id("code-" + c.id).text(c.id + " " + c.slug);
            Element dd = dl.appendElement("dd").text(c.title + ". Explained in ");
            dd.appendElement("code").text("docs/findings.md#" + c.id.toLowerCase(Locale.ROOT) + "-" + c.slug);
            dd.appendText(".");
        }
    }

    private static Element status(ops.base.ExitStatus s) {
        return new Element("span").addClass("status").addClass("s-" + s.name().toLowerCase(Locale.ROOT)).text(s.name());
    }
}
