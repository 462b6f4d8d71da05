package ops.report.html;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.audit.Landscape;
import ops.audit.Verdict;
import org.junit.jupiter.api.Test;

/** The diagram's layout, checked on its bounding boxes: nothing overlaps, every text fits, every triangle lands on its other gateway. */
class DiagramLayoutTest {

    /** {@code edges} gateways with edges, {@code paths} paths over them; every third path's reply leaves by the next gateway. */
    static Scene scene(int edges, int paths, String longName) {
        List<Landscape.Node> nodes = new ArrayList<>();
        for (int e = 1; e <= edges; e++) {
            String name = e == 1 ? longName : "EDGE" + e + "_VPNV4";
            nodes.add(new Landscape.Node(name, "edge " + e + " " + longName, "ovpnc" + e, "10.8." + e + ".1",
                    List.of("203.0.113." + e), true, e == 3));
        }
        List<List<String>> tiers = List.of(List.of(nodes.get(0).gateway()), nodes.stream().skip(1).map(Landscape.Node::gateway).toList());
        Landscape land = new Landscape(nodes, nodes.get(0).gateway(), "group FAILOVER", List.of(new Landscape.Group("FAILOVER", tiers)));
        List<Scene.Lane> lanes = new ArrayList<>();
        for (int p = 0; p < paths; p++) {
            String g = nodes.get(p % edges).gateway();
            boolean triangle = edges > 1 && p % 3 == 2;
            Verdict v = triangle ? Verdict.TRIANGULAR : p % 3 == 0 ? Verdict.PRESERVED : p % 5 == 1 ? Verdict.BLOCKED : Verdict.MASQUERADED;
            String via = v == Verdict.BLOCKED ? "" : triangle ? nodes.get((p + 1) % edges).gateway() : g;
            lanes.add(new Scene.Lane(g, "tcp/" + (1000 + p), v == Verdict.BLOCKED ? "" : "192.168.1." + (10 + p) + ":" + (1000 + p),
                    v == Verdict.MASQUERADED ? "10.8.1.1" : "client", v, v.name(), via, p % 4 == 0, Optional.empty(), false));
        }
        return new Scene(land, lanes);
    }

    @Test
    void nothingOverlapsFromOneToTwelveEdgesAndOneToFortyPaths() {
        String longName = "GW_" + "X".repeat(80) + "<script>alert(1)</script>\"'";
        int layouts = 0;
        for (int edges = 1; edges <= 12; edges++) {
            for (int paths = 1; paths <= 40; paths++) {
                DiagramLayout d = new DiagramLayout(scene(edges, paths, longName), "fw-" + longName);
                String where = edges + " edges, " + paths + " paths: ";
                List<DiagramLayout.Box> boxes = d.boxes();
                List<DiagramLayout.Rect> free = new ArrayList<>();
                for (DiagramLayout.Label l : d.labels()) free.add(l.rect());
                for (int i = 0; i < boxes.size(); i++) {
                    DiagramLayout.Box b = boxes.get(i);
                    assertInside(() -> where + b.kind() + " box", b.rect(), 0, 0, d.width(), d.height());
                    for (int j = i + 1; j < boxes.size(); j++) {
                        DiagramLayout.Box o = boxes.get(j);
                        assertFalse(b.rect().overlaps(o.rect()), () -> where + b.lines() + " overlaps " + o.lines());
                    }
                    for (int k = 0; k < b.lines().size(); k++) {
                        DiagramLayout.Rect t = b.line(k);
                        String text = b.lines().get(k);
                        assertInside(() -> where + "text '" + text + "' of " + b.kind(), t, b.rect().x(), b.rect().y(),
                                b.rect().x() + b.rect().w(), b.rect().y() + b.rect().h());
                    }
                    for (DiagramLayout.Rect l : free) assertFalse(l.overlaps(b.rect()), () -> where + "a label overlaps box " + b.lines());
                }
                for (int i = 0; i < free.size(); i++) {
                    for (int j = i + 1; j < free.size(); j++) {
                        String a = d.labels().get(i).text(), c = d.labels().get(j).text();
                        assertFalse(free.get(i).overlaps(free.get(j)), () -> where + a + " overlaps " + c);
                    }
                }
                layouts++;
            }
        }
        assertEquals(480, layouts);
    }

    @Test
    void everyPathHasItsWayInItsLabelsAndItsReply() {
        Scene s = scene(4, 12, "EDGE1_VPNV4");
        DiagramLayout d = new DiagramLayout(s, "fw1");
        for (int i = 0; i < s.lanes().size(); i++) {
            Scene.Lane l = s.lanes().get(i);
            int lane = i;
            long in = d.wires().stream().filter(w -> w.lane() == lane && !w.reply()).count();
            long out = d.wires().stream().filter(w -> w.lane() == lane && w.reply()).count();
            assertEquals(l.style() == Verdict.BLOCKED ? 3 : 4, in, "inbound segments of " + l.service());
            assertEquals(l.style() == Verdict.BLOCKED ? 0 : 4, out, "reply segments of " + l.service());
            assertTrue(d.labels().stream().anyMatch(x -> x.full().equals("in " + l.service())), l.service());
            assertTrue(d.boxes().stream().anyMatch(b -> b.kind().equals("server") && b.full().get(1).startsWith(l.label())), l.service());
        }
    }

    @Test
    void aTriangularReplyEntersTheOtherGatewaysBox() {
        Scene s = scene(3, 3, "EDGE1_VPNV4");
        Scene.Lane tri = s.lanes().get(2);
        assertEquals(Verdict.TRIANGULAR, tri.style());
        DiagramLayout d = new DiagramLayout(s, "fw1");
        DiagramLayout.Rect other = d.boxes().stream().filter(b -> b.kind().equals("gateway") && b.full().get(0).startsWith(tri.replyVia()))
                .findFirst().orElseThrow().rect();
        DiagramLayout.Rect own = d.boxes().stream().filter(b -> b.kind().equals("gateway") && b.full().get(0).startsWith(tri.gateway()))
                .findFirst().orElseThrow().rect();
        DiagramLayout.Wire turn = d.wires().stream().filter(w -> w.lane() == 2 && w.reply() && w.points().size() == 4).findFirst().orElseThrow();
        double[] end = turn.points().get(3);
        assertEquals(other.x() + other.w(), end[0], 0.01, "the reply ends on the other gateway's right side");
        assertTrue(end[1] > other.y() && end[1] < other.y() + other.h(), "within the other gateway's band");
        assertFalse(end[1] > own.y() && end[1] < own.y() + own.h(), "not in its own gateway's band");
        assertTrue(d.labels().stream().anyMatch(x -> x.full().equals("reply leaves by " + tri.replyVia())));
    }

    @Test
    void aLongNameIsCutToItsBoxAndKeptWholeForTheTooltip() {
        String longName = "GW_" + "Y".repeat(100);
        DiagramLayout d = new DiagramLayout(scene(1, 1, longName), "fw1");
        DiagramLayout.Box g = d.boxes().stream().filter(b -> b.kind().equals("gateway")).findFirst().orElseThrow();
        assertEquals(longName, g.full().get(0));
        assertTrue(g.lines().get(0).endsWith("\u2026") && g.lines().get(0).length() < 40, g.lines().get(0));
    }

    private static void assertInside(java.util.function.Supplier<String> what, DiagramLayout.Rect r, double x0, double y0, double x1, double y1) {
        assertTrue(r.x() >= x0 && r.y() >= y0 && r.x() + r.w() <= x1 + 0.001 && r.y() + r.h() <= y1 + 0.001,
                () -> what.get() + " " + r + " leaves [" + x0 + "," + y0 + " .. " + x1 + "," + y1 + "]");
    }
}
