package ops.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ops.base.ExitStatus;

/**
 * A result as every renderer reads it. One adapter per result kind (AuditReport, CheckReport,
 * FleetReport, and Failed for a run that could not finish) says what to show; one renderer per
 * format (TextRenderer, JsonRenderer, NagiosRenderer, PrometheusRenderer, HtmlRenderer) says how. A new format
 * is one renderer over these (HTML: the document's sections as headings, lists and tables); a new
 * result kind is one adapter.
 */
public interface Report {
    ExitStatus status();

    /** For people: title, context, the matrix, findings or notes. */
    Document document();

    /** The result as data; its rows through the same Columns as the document's table. */
    ObjectNode json();

    /** The monitoring plugin's status line and one line per problem. */
    NagiosLines nagios();

    /** The textfile collector's metrics. */
    Metrics metrics();

    /** What the HTML report draws: the gateways, edges and every path with its reply; empty for none. */
    default java.util.Optional<ops.report.html.Scene> scene() { return java.util.Optional.empty(); }

    /** Where the result was read: "live over SSH", "the snapshot folder DIR"; empty when it says nothing. */
    default String readFrom() { return ""; }
}
