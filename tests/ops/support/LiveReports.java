package ops.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.json.Json;

/**
 * A live route-audit report as a snapshot of the same read would print it: without the Edges
 * section (which host was read as each gateway's edge, and why), which only a live run has, and
 * with its fixes' commands naming FIREWALL, without --edge, as a snapshot cannot say how to reach
 * its firewall and edges.
 */
public final class LiveReports {
    private LiveReports() {}

    public static String withoutEdges(String report) {
        if (report.startsWith("{")) {
            ObjectNode root = (ObjectNode) Json.parse("report", report, "route-audit --json");
            root.remove("edges");
            for (String list : new String[] {"findings", "ignored"}) {
                for (var f : root.path(list)) ((ObjectNode) f).put("fix", asFromSnapshot(f.path("fix").asText()));
            }
            return Json.write(root);
        }
        String fixed = report.lines().map(l -> l.startsWith("         fix: ") ? asFromSnapshot(l) : l)
                .collect(java.util.stream.Collectors.joining("\n", "", report.endsWith("\n") ? "\n" : ""));
        int at = fixed.indexOf("\nEdges:\n");
        if (at < 0) return fixed;
        int end = fixed.indexOf("\n\n", at + 1);
        return fixed.substring(0, at + 1) + (end < 0 ? "" : fixed.substring(end + 2));
    }

    /** Findings as data, their fix lines aside (a run given --edge names it in its nat-toggle fixes, a discovering run need not). */
    public static com.fasterxml.jackson.databind.JsonNode withoutFixes(com.fasterxml.jackson.databind.JsonNode findings) {
        com.fasterxml.jackson.databind.node.ArrayNode out = Json.object().arrayNode();
        for (var f : findings) out.add(((ObjectNode) f.deepCopy()).without("fix"));
        return out;
    }

    private static String asFromSnapshot(String fix) {
        return fix.replaceAll(" --edge '?[^ ,)']+'?", "").replaceAll("\\b(default-route|nat-toggle|real-ip) (?!FIREWALL)\\S+ ", "$1 FIREWALL ");
    }
}
