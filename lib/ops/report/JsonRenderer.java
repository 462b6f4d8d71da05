package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import ops.base.ExitStatus;
import ops.json.Json;

/** Any report as one JSON document, and the pieces every result's JSON is made of. */
public final class JsonRenderer {
    private JsonRenderer() {}

    public static String render(Report r) {
        return Json.write(r.json());
    }

    static void status(ObjectNode o, ExitStatus s) {
        o.put("status", s.name());
        o.put("exitCode", s.code);
    }

    /** One object per row, each column's value under its key. */
    static <R> void rows(ArrayNode out, List<? extends Column<R>> columns, List<R> rows) {
        for (R r : rows) {
            ObjectNode o = out.addObject();
            for (Column<R> c : columns) if (c.in(r)) put(o, c.key(), c.value(r));
        }
    }

    /** A value under its key: text, a number, a boolean, a list of texts, or null. */
    static void put(ObjectNode o, String key, Object v) {
        if (v == null) o.putNull(key);
        else if (v instanceof Boolean b) o.put(key, b);
        else if (v instanceof Integer n) o.put(key, n.intValue());
        else if (v instanceof Long n) o.put(key, n.longValue());
        else if (v instanceof Double d) o.put(key, d.doubleValue());
        else if (v instanceof List<?> l) {
            ArrayNode a = o.putArray(key);
            l.forEach(x -> a.add(String.valueOf(x)));
        } else o.put(key, String.valueOf(v));
    }
}
