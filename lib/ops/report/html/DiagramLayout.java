package ops.report.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ops.audit.Landscape;

/**
 * Where everything of a Scene goes, in SVG user units, computed before anything is drawn so that
 * a test can check it: five columns (client | edges | gateways | firewall | servers), one band per
 * gateway holding a lane per path that comes in by it and one per reply that leaves by it from
 * another gateway (a triangle). Text is monospace, so its width is known: every line is cut to fit
 * its box and the full text goes into a tooltip.
 */
public final class DiagramLayout {
    public static final double CHAR_W = 6.6;      // monospace at 11px
    public static final double SMALL_CHAR_W = 6.0; // monospace at 10px
    public static final double LINE = 15, PAD = 8, LANE = 44, BAND_GAP = 14, TOP = 40;
    static final double CLIENT_X = 10, CLIENT_W = 110, EDGE_X = 170, EDGE_W = 200, GW_X = 560, GW_W = 200,
            FW_X = 850, FW_W = 160, SRV_X = 1060, SRV_W = 270, WIDTH = 1340;
    /** Where the lines' labels sit: the gap between edges and gateways. */
    static final double LABEL_X = EDGE_X + EDGE_W + 10, LABEL_W = GW_X - EDGE_X - EDGE_W - 20;

    public record Rect(double x, double y, double w, double h) {
        public boolean overlaps(Rect o) {
            return x < o.x + o.w && o.x < x + w && y < o.y + o.h && o.y < y + h;
        }

        double right() { return x + w; }
    }

    /** A box and its text lines (already cut to fit); {@code full} is each line uncut; the first baseline is pad + 11 down. */
    public record Box(String kind, Rect rect, List<String> lines, List<String> full, boolean strong, double pad, double lineHeight) {

        /** Where each text line sits, for the drawing and for the overlap test. */
        public Rect line(int i) {
            return new Rect(rect.x() + PAD, rect.y() + pad + i * lineHeight, lines.get(i).length() * CHAR_W, lineHeight - 2);
        }
    }

    /** A text label beside a line, in the label gap. */
    public record Label(Rect rect, String text, String full) {}

    /** One line of a path, as points; {@code reply} ones point back to the client. */
    public record Wire(int lane, boolean reply, List<double[]> points) {}

    private final List<Box> boxes = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final List<Wire> wires = new ArrayList<>();
    private final double height;

    public DiagramLayout(Scene scene, String firewall) {
        List<Landscape.Node> nodes = new ArrayList<>(scene.landscape().gateways());
        // a path by, or a reply to, something the landscape does not list still gets a row
        for (Scene.Lane l : scene.lanes()) {
            for (String g : List.of(l.gateway(), l.replyVia())) {
                if (!g.isEmpty() && nodes.stream().noneMatch(n -> n.gateway().equals(g))) {
                    nodes.add(new Landscape.Node(g, "", "", "", List.of(), false, false));
                }
            }
        }
        Map<String, List<Integer>> own = new LinkedHashMap<>(), foreign = new LinkedHashMap<>();
        for (Landscape.Node n : nodes) {
            own.put(n.gateway(), new ArrayList<>());
            foreign.put(n.gateway(), new ArrayList<>());
        }
        for (int i = 0; i < scene.lanes().size(); i++) {
            Scene.Lane l = scene.lanes().get(i);
            own.get(l.gateway()).add(i);
            if (l.crosses()) foreign.get(l.replyVia()).add(i);
        }
        List<Integer> crossing = new ArrayList<>();
        for (int i = 0; i < scene.lanes().size(); i++) if (scene.lanes().get(i).crosses()) crossing.add(i);

        double y = TOP;
        Map<Integer, double[]> laneY = new LinkedHashMap<>(); // lane -> {top of its lane, top of its reply's lane in another band}
        Map<String, Rect> gwRect = new LinkedHashMap<>(), edgeRect = new LinkedHashMap<>();
        for (Landscape.Node n : nodes) {
            List<String> edgeText = edgeLines(n, scene);
            List<String> gwText = gatewayLines(n, scene.landscape());
            int laneCount = own.get(n.gateway()).size() + foreign.get(n.gateway()).size();
            double h = Math.max(Math.max(boxHeight(edgeText.size()), boxHeight(gwText.size())), laneCount * LANE);
            Rect e = new Rect(EDGE_X, y, EDGE_W, h), g = new Rect(GW_X, y, GW_W, h);
            boolean holdsDefault = n.gateway().equals(scene.landscape().defaultRoute());
            boxes.add(box("edge", e, edgeText, false));
            boxes.add(box("gateway", g, gwText, holdsDefault));
            edgeRect.put(n.gateway(), e);
            gwRect.put(n.gateway(), g);
            int k = 0;
            for (int i : own.get(n.gateway())) laneY.computeIfAbsent(i, x -> new double[2])[0] = y + LANE * k++;
            for (int i : foreign.get(n.gateway())) laneY.computeIfAbsent(i, x -> new double[2])[1] = y + LANE * k++;
            y += h + BAND_GAP;
        }
        List<String> fwText = firewallLines(firewall, scene);
        double bottom = Math.max(y - BAND_GAP, TOP + Math.max(boxHeight(fwText.size()), boxHeight(2)));
        height = bottom + 20;
        Rect client = new Rect(CLIENT_X, TOP, CLIENT_W, bottom - TOP), fw = new Rect(FW_X, TOP, FW_W, bottom - TOP);
        boxes.add(0, box("client", client, List.of("client", "(internet)"), false));
        boxes.add(box("firewall", fw, fwText, false));

        for (int i = 0; i < scene.lanes().size(); i++) {
            Scene.Lane l = scene.lanes().get(i);
            double top = laneY.get(i)[0], in = top + 14, out = top + 30;
            Rect e = edgeRect.get(l.gateway()), g = gwRect.get(l.gateway());
            boxes.add(box("server", new Rect(SRV_X, top + 3, SRV_W, LANE - 6), serverLines(l), false, 4, 14));
            labels.add(label(in, "in " + l.service()));
            boolean reachesServer = !l.server().isEmpty() && !l.label().equals("BLOCKED") && l.style() != ops.audit.Verdict.BLOCKED;
            wires.add(new Wire(i, false, List.of(pt(client.right(), in), pt(e.x(), in))));
            wires.add(new Wire(i, false, List.of(pt(e.right(), in), pt(g.x(), in))));
            wires.add(new Wire(i, false, List.of(pt(g.right(), in), pt(fw.x(), in))));
            if (reachesServer) wires.add(new Wire(i, false, List.of(pt(fw.right(), in), pt(SRV_X, in))));
            if (l.replyVia().isEmpty()) continue;
            wires.add(new Wire(i, true, List.of(pt(SRV_X, out), pt(fw.right(), out))));
            if (!l.crosses()) {
                labels.add(label(out, "reply " + l.service() + (l.replyTo() ? " (reply-to)" : "")));
                wires.add(new Wire(i, true, List.of(pt(fw.x(), out), pt(g.right(), out))));
                wires.add(new Wire(i, true, List.of(pt(g.x(), out), pt(e.right(), out))));
                wires.add(new Wire(i, true, List.of(pt(e.x(), out), pt(client.right(), out))));
            } else {
                labels.add(label(out, "reply leaves by " + l.replyVia()));
                double fy = laneY.get(i)[1] + 30;
                // each crossing reply turns in its own column of the gap, so no two share a vertical
                int c = crossing.indexOf(i);
                double gap = FW_X - GW_X - GW_W;
                double xv = GW_X + GW_W + 12 + (gap - 24) * (c + 1) / (crossing.size() + 1);
                Rect rg = gwRect.get(l.replyVia()), re = edgeRect.get(l.replyVia());
                wires.add(new Wire(i, true, List.of(pt(fw.x(), out), pt(xv, out), pt(xv, fy), pt(rg.right(), fy))));
                wires.add(new Wire(i, true, List.of(pt(rg.x(), fy), pt(re.right(), fy))));
                wires.add(new Wire(i, true, List.of(pt(re.x(), fy), pt(client.right(), fy))));
                labels.add(label(fy, "reply of " + l.gateway() + " " + l.service()));
            }
        }
    }

    public List<Box> boxes() { return boxes; }

    public List<Label> labels() { return labels; }

    public List<Wire> wires() { return wires; }

    public double width() { return WIDTH; }

    public double height() { return height; }

    private static List<String> edgeLines(Landscape.Node n, Scene s) {
        List<String> out = new ArrayList<>();
        if (!n.edgeRead() && !n.device().startsWith("ovpn") && !n.device().startsWith("tun_wg")) {
            out.add("no VPN edge");
            out.add(n.device().isEmpty() ? "not a gateway" : "uplink " + n.device());
            return out;
        }
        out.add("edge of " + n.gateway());
        out.add(n.edgeAddresses().isEmpty() ? "public: not read" : "public " + String.join(", ", n.edgeAddresses()));
        out.add("masquerade " + masquerade(n, s));
        return out;
    }

    /** From what the server sees on this edge's paths: on, off, mixed, or unknown. */
    static String masquerade(Landscape.Node n, Scene s) {
        if (!n.edgeRead()) return "unknown (not read)";
        List<String> seen = s.lanes().stream().filter(l -> l.gateway().equals(n.gateway())).map(Scene.Lane::serverSees).distinct().toList();
        if (seen.isEmpty()) return "unknown (no path)";
        if (seen.equals(List.of("client"))) return "OFF";
        if (seen.stream().noneMatch(x -> x.equals("client") || x.equals("unknown"))) return "ON";
        return seen.contains("unknown") && seen.size() == 1 ? "unknown" : "mixed";
    }

    private static List<String> gatewayLines(Landscape.Node n, Landscape l) {
        List<String> out = new ArrayList<>();
        out.add(n.gateway() + (n.down() ? " (DOWN)" : ""));
        if (!n.descr().isEmpty()) out.add("\u201c" + n.descr() + "\u201d");
        if (!n.device().isEmpty()) out.add(n.device() + " via " + n.address());
        if (n.gateway().equals(l.defaultRoute())) out.add("\u2605 holds the default route");
        for (Landscape.Group g : l.groups()) {
            for (int t = 0; t < g.tiers().size(); t++) {
                if (g.tiers().get(t).contains(n.gateway())) out.add("group " + g.name() + " tier " + (t + 1));
            }
        }
        return out;
    }

    private static List<String> firewallLines(String firewall, Scene s) {
        long replyTo = s.lanes().stream().filter(Scene.Lane::replyTo).count();
        return List.of("firewall", firewall, "default route:", s.landscape().defaultRoute(), "config: " + s.landscape().configuredDefault(),
                "reply-to: " + replyTo + "/" + s.lanes().size() + " paths");
    }

    private static List<String> serverLines(Scene.Lane l) {
        String to = l.server().isEmpty() ? "ends at the firewall" : "\u2192 " + l.server();
        String verdict = l.label() + (l.predicted().isPresent() ? (l.disagrees() ? " \u2260 predicted " : " = predicted ") + l.predicted().get() : "");
        String why = l.crosses() ? "reply via " + l.replyVia() : "sees " + ("client".equals(l.serverSees()) ? "client IP" : l.serverSees());
        return List.of(l.service() + " " + to, verdict + " \u00b7 " + why);
    }

    static double boxHeight(int lines) {
        return lines * LINE + 2 * PAD;
    }

    private static Box box(String kind, Rect r, List<String> lines, boolean strong) {
        return box(kind, r, lines, strong, PAD, LINE);
    }

    private static Box box(String kind, Rect r, List<String> lines, boolean strong, double pad, double lineHeight) {
        int max = (int) Math.floor((r.w() - 2 * PAD) / CHAR_W);
        return new Box(kind, r, lines.stream().map(s -> cut(s, max)).toList(), List.copyOf(lines), strong, pad, lineHeight);
    }

    private static Label label(double baseline, String text) {
        int max = (int) Math.floor(LABEL_W / SMALL_CHAR_W);
        String cut = cut(text, max);
        return new Label(new Rect(LABEL_X, baseline - 11, cut.length() * SMALL_CHAR_W, 10), cut, text);
    }

    /** Cut to at most {@code max} characters, ending with an ellipsis when cut. */
    static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    private static double[] pt(double x, double y) {
        return new double[] {x, y};
    }
}
