package ops.report.html;

import java.util.Locale;
import ops.audit.Verdict;
import org.jsoup.nodes.Element;

/**
 * The Scene drawn as inline SVG, element by element through jsoup (so every name from config.xml
 * is text, never markup), at the places DiagramLayout computed. Each verdict has its own line
 * style and arrowhead besides its colour; every path's lines and labels carry data-lane, for
 * people who script against the page and for the browser tests.
 */
public final class PathDiagram {
    private PathDiagram() {}

    /** Appends the diagram to {@code parent}; {@code id} keeps markers apart when a fleet page holds several. */
    public static Element draw(Element parent, Scene scene, String firewall, String id) {
        DiagramLayout layout = new DiagramLayout(scene, firewall);
        Element svg = parent.appendElement("svg").attr("xmlns", "http://www.w3.org/2000/svg")
                .attr("viewBox", "0 0 " + n(layout.width()) + " " + n(layout.height())).attr("class", "diagram")
                .attr("role", "img").attr("aria-label", "paths of " + firewall + " and their replies");
        svg.appendElement("title").text("Paths of " + firewall + ": the way in (arrow right) and the reply (arrow left) of each");
        Element defs = svg.appendElement("defs");
        for (Verdict v : Verdict.values()) {
            defs.appendElement("marker").attr("id", marker(id, v)).attr("viewBox", "0 0 10 10").attr("refX", "9").attr("refY", "5")
                    .attr("markerUnits", "userSpaceOnUse").attr("markerWidth", "9").attr("markerHeight", "9").attr("orient", "auto")
                    .appendElement("path").attr("d", "M0,0 L10,5 L0,10 z").attr("class", "tip " + css(v));
        }
        String[] heads = {"client", "edge nodes", "tunnels / gateways", "firewall", "servers (path: verdict)"};
        double[] xs = {DiagramLayout.CLIENT_X, DiagramLayout.EDGE_X, DiagramLayout.GW_X, DiagramLayout.FW_X, DiagramLayout.SRV_X};
        for (int i = 0; i < heads.length; i++) {
            svg.appendElement("text").attr("x", n(xs[i])).attr("y", "24").attr("class", "colhead").text(heads[i]);
        }
        for (DiagramLayout.Box b : layout.boxes()) {
            Element g = svg.appendElement("g").attr("class", "box " + b.kind() + (b.strong() ? " strong" : ""));
            g.appendElement("title").text(String.join("\n", b.full()));
            DiagramLayout.Rect r = b.rect();
            g.appendElement("rect").attr("x", n(r.x())).attr("y", n(r.y())).attr("width", n(r.w())).attr("height", n(r.h())).attr("rx", "6");
            for (int i = 0; i < b.lines().size(); i++) {
                DiagramLayout.Rect t = b.line(i);
                g.appendElement("text").attr("x", n(t.x())).attr("y", n(t.y() + 11)).text(b.lines().get(i));
            }
        }
        for (DiagramLayout.Wire w : layout.wires()) {
            Scene.Lane l = scene.lanes().get(w.lane());
            StringBuilder pts = new StringBuilder();
            for (double[] p : w.points()) pts.append(pts.isEmpty() ? "" : " ").append(n(p[0])).append(',').append(n(p[1]));
            Element line = svg.appendElement("polyline").attr("points", pts.toString())
                    .attr("class", "wire " + css(l.style()) + (w.reply() ? " reply" : " in"))
                    .attr("data-lane", String.valueOf(w.lane())).attr("marker-end", "url(#" + marker(id, l.style()) + ")");
            line.appendElement("title").text((w.reply() ? "reply of " : "in: ") + l.gateway() + " " + l.service() + ": " + l.label());
        }
        for (DiagramLayout.Label lb : layout.labels()) {
            Element t = svg.appendElement("text").attr("x", n(lb.rect().x())).attr("y", n(lb.rect().y() + 9)).attr("class", "label").text(lb.text());
            t.appendElement("title").text(lb.full());
        }
        return svg;
    }

    /** The legend's sample of a verdict's line. */
    public static Element sample(Element parent, Verdict v, String id) {
        Element svg = parent.appendElement("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("viewBox", "0 0 60 12")
                .attr("class", "sample").attr("aria-hidden", "true");
        svg.appendElement("defs").appendElement("marker").attr("id", marker(id, v)).attr("viewBox", "0 0 10 10").attr("refX", "9")
                .attr("refY", "5").attr("markerUnits", "userSpaceOnUse").attr("markerWidth", "9").attr("markerHeight", "9").attr("orient", "auto")
                .appendElement("path").attr("d", "M0,0 L10,5 L0,10 z").attr("class", "tip " + css(v));
        svg.appendElement("polyline").attr("points", "2,6 56,6").attr("class", "wire " + css(v)).attr("marker-end", "url(#" + marker(id, v) + ")");
        return svg;
    }

    static String css(Verdict v) {
        return "v-" + v.name().toLowerCase(Locale.ROOT);
    }

    private static String marker(String id, Verdict v) {
        return id + "-" + css(v);
    }

    private static String n(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
