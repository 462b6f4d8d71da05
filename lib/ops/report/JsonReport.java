package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.audit.AuditResult;
import ops.audit.Finding;
import ops.audit.PathRow;
import ops.discovery.EdgeSource;
import ops.json.Json;

/** One JSON object: status, the path matrix (same rows as the table) and the findings. */
public final class JsonReport {
    private JsonReport() {}

    public static ObjectNode tree(AuditResult r) {
        ObjectNode root = Json.object();
        root.put("target", r.target());
        root.put("status", r.status().name());
        root.put("exitCode", r.status().code);
        if (!r.edges().isEmpty()) {
            ArrayNode edges = root.putArray("edges");
            for (EdgeSource e : r.edges()) {
                ObjectNode o = edges.addObject();
                o.put("gateway", e.gateway());
                if (e.host().isPresent()) o.put("host", e.host().get());
                else o.putNull("host");
                o.put("source", e.origin().id);
                o.put("reason", e.why());
                e.address().ifPresent(a -> o.put("address", a));
                o.put("read", e.read());
                e.problem().ifPresent(p -> o.put("problem", p));
            }
        }
        ArrayNode paths = root.putArray("paths");
        for (PathRow p : r.paths()) {
            ObjectNode o = paths.addObject();
            for (PathColumn c : PathColumn.values()) put(o, c.key, c.value(p));
        }
        findings(root.putArray("findings"), r.findings());
        findings(root.putArray("ignored"), r.ignored());
        return root;
    }

    private static void findings(ArrayNode out, java.util.List<Finding> list) {
        for (Finding f : list) {
            ObjectNode o = out.addObject();
            o.put("code", f.code().id);
            o.put("name", f.code().slug);
            o.put("severity", f.severity().name());
            o.put("subject", f.subject());
            o.put("message", f.message());
            o.put("fix", f.fix());
        }
    }

    /** One column's value under its key: text, a boolean, or a list of texts. */
    static void put(ObjectNode o, String key, Object v) {
        if (v instanceof Boolean b) o.put(key, b);
        else if (v instanceof java.util.List<?> l) {
            ArrayNode a = o.putArray(key);
            l.forEach(x -> a.add(String.valueOf(x)));
        }
        else o.put(key, String.valueOf(v));
    }

    public static String render(AuditResult r) {
        return Json.write(tree(r));
    }
}
