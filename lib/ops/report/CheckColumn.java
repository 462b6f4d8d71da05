package ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import ops.probe.PathCheck;

/**
 * source-ip-check's measured matrix: one column per thing a path's probe saw, each with one name.
 * The columns it shares with route-audit's matrix take PathColumn's key and header. Declared in JSON
 * order; a column without a header is in JSON only.
 */
public enum CheckColumn implements Column<PathCheck> {
    GATEWAY(PathColumn.GATEWAY, p -> p.target().gateway()),
    SERVICE(PathColumn.SERVICE, p -> p.target().service()),
    EDGE_ADDRESS("edgeAddress", "EDGE ADDRESS", p -> p.target().address().map(Object::toString).orElse(""), p -> p.target().endpoint()),
    PORT("port", null, p -> p.target().port()),
    EDGE_ADDRESS_FROM("edgeAddressFrom", null, p -> p.target().addressFrom()),
    EDGE_SENDS_TO(PathColumn.EDGE_SENDS_TO, p -> p.target().edgeSendsTo() + ":" + p.target().edgeSendsToPort()),
    SOURCE_PORTS("sourcePorts", null, p -> p.plan().map(x -> x.ports().toString()).orElse("")),
    ARRIVED_ON("arrivedOn", "ON", p -> p.seen().arrival().map(a -> a.device()).orElse("")),
    ARRIVED_FROM("arrivedFrom", "ARRIVED FROM", p -> p.seen().arrival().map(a -> a.source().toString()).orElse("")),
    REPLY_LEFT_BY("replyLeftBy", "REPLY LEFT BY", p -> p.seen().answer().map(a -> a.device()).orElse(""),
            p -> p.seen().answer().map(a -> a.device() + (a.reset() ? " (reset)" : "")).orElse("-")),
    REPLY("reply", null, p -> p.seen().answer().map(a -> a.reset() ? "reset" : "syn-ack").orElse("")),
    FIREWALL_MS("firewallMs", "FIREWALL", p -> p.seen().firewallMs().orElse(null), p -> p.seen().firewallMs().map(CheckColumn::ms).orElse("-")),
    HANDSHAKE("handshake", null, p -> p.probe().map(x -> x.handshake()).orElse(false)),
    CONNECT_MS("connectMs", "CONNECT", p -> p.probe().flatMap(x -> x.connectMs()).orElse(null),
            p -> p.probe().map(o -> o.connectMs().map(CheckColumn::ms).orElse("failed")).orElse("-")),
    TOTAL_MS("totalMs", p -> p.probe().get().totalMs()),
    HTTP_STATUS("httpStatus", p -> p.probe().get().httpStatus()),
    CURL_EXIT("curlExit", p -> p.probe().get().exit()),
    CURL_ERROR("curlError", p -> p.probe().get().error()),
    VERDICT(PathColumn.VERDICT, p -> p.verdict().label),
    NOTE("note", null, PathCheck::note),
    PREDICTED("predicted", "PREDICTED", p -> p.predicted().map(Enum::name).orElse("")),
    AGREES("agrees", "AGREES", p -> p.agrees().orElse(null), p -> p.agrees().map(a -> a ? "yes" : "NO").orElse("-"));

    private final String key;
    private final String header;
    private final Function<PathCheck, Object> value;
    private final Function<PathCheck, String> cell;
    private final Predicate<PathCheck> in;

    CheckColumn(String key, String header, Function<PathCheck, Object> value, Function<PathCheck, String> cell, Predicate<PathCheck> in) {
        this.key = key;
        this.header = header;
        this.value = value;
        this.cell = cell;
        this.in = in;
    }

    CheckColumn(String key, String header, Function<PathCheck, Object> value, Function<PathCheck, String> cell) {
        this(key, header, value, cell, p -> true);
    }

    CheckColumn(String key, String header, Function<PathCheck, Object> value) {
        this(key, header, value, null, p -> true);
    }

    CheckColumn(PathColumn same, Function<PathCheck, Object> value) {
        this(same.key, same.header, value);
    }

    /** What curl said: only a path that was probed has it. */
    CheckColumn(String key, Function<PathCheck, Object> value) {
        this(key, null, value, null, p -> p.probe().isPresent());
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

    @Override public boolean in(PathCheck p) { return in.test(p); }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
