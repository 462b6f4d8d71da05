package ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import ops.probe.PathCheck;

/**
 * source-ip-check's measured matrix: one column per thing a path's probe saw, each with one name.
 * The columns it shares with route-audit's matrix take PathColumn's key and header. Declared in JSON
 * order; a column without a header is in JSON only.
 */
public enum CheckColumn implements Column<PathCheck> {
    GATEWAY(PathColumn.GATEWAY, p -> p.target().gateway()),
    SERVICE(PathColumn.SERVICE, p -> p.target().service()),
    EDGE_ADDRESS("edgeAddress", "EDGE ADDRESS", "the edge's public address the probe went to (the table adds the port); empty when it cannot be told",
            p -> p.target().address().map(Object::toString).orElse(""), p -> p.target().endpoint(), false),
    PORT("port", null, "the published port", p -> p.target().port()),
    EDGE_ADDRESS_FROM("edgeAddressFrom", null, "how the edge's address was learned, or why it cannot be told", p -> p.target().addressFrom()),
    EDGE_SENDS_TO(PathColumn.EDGE_SENDS_TO, p -> p.target().edgeSendsTo() + ":" + p.target().edgeSendsToPort()),
    SOURCE_PORTS("sourcePorts", null, "the probe's own source ports, which the capture filters on", p -> p.plan().map(x -> x.ports().toString()).orElse("")),
    ARRIVED_ON("arrivedOn", "ON", "the firewall's interface the SYN arrived on", p -> p.seen().arrival().map(a -> a.device()).orElse("")),
    ARRIVED_FROM("arrivedFrom", "ARRIVED FROM", "the source address that arrived: the client's when the edge keeps it, else the edge's",
            p -> p.seen().arrival().map(a -> a.source().toString()).orElse("")),
    REPLY_LEFT_BY("replyLeftBy", "REPLY LEFT BY", "the interface the firewall's answer (SYN-ACK or reset) left by; the table adds \"(reset)\"",
            p -> p.seen().answer().map(a -> a.device()).orElse(""),
            p -> p.seen().answer().map(a -> a.device() + (a.reset() ? " (reset)" : "")).orElse("-"), false),
    REPLY("reply", null, "the answer that left: syn-ack or reset", p -> p.seen().answer().map(a -> a.reset() ? "reset" : "syn-ack").orElse("")),
    FIREWALL_MS("firewallMs", "FIREWALL", "milliseconds from the SYN arriving to the answer leaving, on the firewall; null when either was not seen",
            p -> p.seen().firewallMs().orElse(null), p -> p.seen().firewallMs().map(CheckColumn::ms).orElse("-"), false),
    HANDSHAKE("handshake", null, "whether the vantage's TCP handshake completed", p -> p.probe().map(x -> x.handshake()).orElse(false)),
    CONNECT_MS("connectMs", "CONNECT", "milliseconds the vantage's handshake took; null when it failed",
            p -> p.probe().flatMap(x -> x.connectMs()).orElse(null),
            p -> p.probe().map(o -> o.connectMs().map(CheckColumn::ms).orElse("failed")).orElse("-"), false),
    TOTAL_MS("totalMs", null, "milliseconds the whole probe took (probed paths only)", p -> p.probe().get().totalMs(), null, true),
    HTTP_STATUS("httpStatus", null, "the HTTP status, 0 for none (probed paths only)", p -> p.probe().get().httpStatus(), null, true),
    CURL_EXIT("curlExit", null, "curl's exit code (probed paths only)", p -> p.probe().get().exit(), null, true),
    CURL_ERROR("curlError", null, "curl's error, empty for none (probed paths only)", p -> p.probe().get().error(), null, true),
    VERDICT(PathColumn.VERDICT.key, PathColumn.VERDICT.header, "PRESERVED, MASQUERADED, TRIANGULAR, NOT-REACHED, NO-REPLY or UNKNOWN",
            p -> p.verdict().label),
    NOTE("note", null, "what was seen, in one line", PathCheck::note),
    PREDICTED("predicted", "PREDICTED", "route-audit's verdict for the path (with --compare)", p -> p.predicted().map(Enum::name).orElse("")),
    AGREES("agrees", "AGREES", "whether measured and predicted say the same; null when either could not tell (with --compare)",
            p -> p.agrees().orElse(null), p -> p.agrees().map(a -> a ? "yes" : "NO").orElse("-"), false);

    public final String key;
    public final String header;
    public final String meaning;
    private final Function<PathCheck, Object> value;
    private final Function<PathCheck, String> cell;
    private final boolean probedOnly;

    /** @param cell null for the value ("-" for nothing); {@code probedOnly}: what curl said, which only a probed path has */
    CheckColumn(String key, String header, String meaning, Function<PathCheck, Object> value, Function<PathCheck, String> cell,
                boolean probedOnly) {
        this.key = key;
        this.header = header;
        this.meaning = meaning;
        this.value = value;
        this.cell = cell;
        this.probedOnly = probedOnly;
    }

    CheckColumn(String key, String header, String meaning, Function<PathCheck, Object> value) {
        this(key, header, meaning, value, null, false);
    }

    /** The same column as route-audit's, measured. */
    CheckColumn(PathColumn same, Function<PathCheck, Object> value) {
        this(same.key, same.header, same.meaning, value);
    }

    /** The text table's columns: what, in by, what arrived, how it left, the timings, the verdict (and with --compare the prediction). */
    public static List<CheckColumn> table(boolean compared) {
        List<CheckColumn> t = new ArrayList<>(List.of(SERVICE, GATEWAY, EDGE_ADDRESS, ARRIVED_FROM, ARRIVED_ON, REPLY_LEFT_BY, CONNECT_MS,
                FIREWALL_MS, VERDICT));
        if (compared) t.addAll(List.of(PREDICTED, AGREES));
        return t;
    }

    /** JSON's columns: all, the prediction only with --compare. */
    public static List<CheckColumn> json(boolean compared) {
        return List.of(values()).stream().filter(c -> compared || (c != PREDICTED && c != AGREES)).toList();
    }

    @Override public String key() { return key; }

    @Override public String header() { return header; }

    @Override public Object value(PathCheck p) { return value.apply(p); }

    @Override public String cell(PathCheck p) { return cell == null ? Column.super.cell(p) : cell.apply(p); }

    @Override public boolean in(PathCheck p) { return !probedOnly || p.probe().isPresent(); }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
