package ops.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import ops.base.ExitStatus;
import ops.json.Json;

/**
 * A run that could not finish: UNKNOWN, and the one-line reason. Its metrics are the result
 * kind's with no samples but status 3, so alerts fire instead of going stale.
 *
 * @param tool "route-audit"; names it in the text line and, upper-cased, as the Nagios check
 */
public record Failed(String tool, String target, String message, Metrics metrics) implements Report {

    @Override public ExitStatus status() { return ExitStatus.UNKNOWN; }

    @Override public Document document() {
        return new Document(List.of(tool + " " + target + ": UNKNOWN: " + message), List.of());
    }

    @Override public ObjectNode json() {
        ObjectNode o = Json.object();
        o.put("target", target);
        JsonRenderer.status(o, status());
        o.put("error", message);
        return o;
    }

    @Override public NagiosLines nagios() {
        return new NagiosLines(tool.toUpperCase(java.util.Locale.ROOT), message, List.of(), List.of());
    }
}
