package ops.report;

import java.util.List;
import java.util.function.Function;
import ops.audit.PathRow;

/**
 * The path matrix's columns, each with one name everywhere: its JSON key (the PathRow
 * component of the same name), its header in the text table, and what it means. Every
 * renderer of paths takes its columns from here. Declared in JSON order.
 */
public enum PathColumn implements Column<PathRow> {
    GATEWAY("gateway", "GATEWAY", "the pfSense gateway the path comes in by", PathRow::gateway),
    SERVICE("service", "SERVICE", "the port as the edge publishes it (tcp/443)", PathRow::service),
    EDGE_RULE("edgeRule", "EDGE RULE", "the edge's DNAT rule, as read; empty when the edge was not read", PathRow::edgeRule),
    EDGE_SENDS_TO("edgeSendsTo", "EDGE SENDS TO", "the address:port the edge sends it to, inside the tunnel", PathRow::edgeSendsTo),
    SERVER("server", "SERVER", "where pfSense delivers it after its port forward; empty when it ends at the firewall", PathRow::server),
    SERVER_SEES("serverSees", "SERVER SEES", "the source the server sees: client (the real client IP), the edge's address, or unknown",
            PathRow::serverSees),
    REPLY_LEAVES_BY("replyLeavesBy", "REPLY LEAVES BY", "the gateway replies leave by, \"(reply-to)\" when pf pins them",
            PathRow::replyLeavesBy),
    REPLY_TO("replyTo", "REPLY-TO", "whether pf pins replies to the arrival gateway", PathRow::replyTo),
    PASS_RULE("passRule", "PASS RULE", "the pfSense rule that decides it", PathRow::passRule),
    VERDICT("verdict", "VERDICT", "PRESERVED, MASQUERADED, TRIANGULAR, BLOCKED, DOWN or UNKNOWN", p -> p.verdict().name()),
    NOTES("notes", "NOTES", "why, in short phrases", PathRow::notes);

    /** The columns of the text table, in the order a person reads a path: what, in by, to, seen as, out by, verdict. */
    public static final List<PathColumn> TABLE = List.of(SERVICE, GATEWAY, EDGE_SENDS_TO, SERVER, SERVER_SEES, REPLY_LEAVES_BY, VERDICT);

    public final String key;
    public final String header;
    public final String meaning;
    private final Function<PathRow, Object> value;

    PathColumn(String key, String header, String meaning, Function<PathRow, Object> value) {
        this.key = key;
        this.header = header;
        this.meaning = meaning;
        this.value = value;
    }

    @Override public String key() { return key; }

    @Override public String header() { return header; }

    /** The value as data: a String, a Boolean (replyTo) or a List of Strings (notes). */
    @Override public Object value(PathRow p) {
        return value.apply(p);
    }

    /** The value as a table cell: "-" for nothing, "client IP" for the real client. */
    @Override public String cell(PathRow p) {
        Object v = value(p);
        String s = v instanceof List<?> l ? String.join("; ", l.stream().map(String::valueOf).toList()) : String.valueOf(v);
        if (this == SERVER_SEES && s.equals("client")) return "client IP";
        return s.isEmpty() ? "-" : s;
    }
}
