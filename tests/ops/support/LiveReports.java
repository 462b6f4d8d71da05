package ops.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.json.Json;

/**
 * A live route-audit report as a snapshot of the same read would print it: without the Edges
 * section (which host was read as each gateway's edge, and why), which only a live run has.
 */
public final class LiveReports {
    private LiveReports() {}

    public static String withoutEdges(String report) {
        if (report.startsWith("{")) {
            ObjectNode root = (ObjectNode) Json.parse("report", report, "route-audit --json");
            root.remove("edges");
            return Json.write(root);
        }
        int at = report.indexOf("\nEdges:\n");
        if (at < 0) return report;
        int end = report.indexOf("\n\n", at + 1);
        return report.substring(0, at + 1) + (end < 0 ? "" : report.substring(end + 2));
    }
}
