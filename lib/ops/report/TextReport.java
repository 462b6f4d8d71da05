package ops.report;

import java.util.ArrayList;
import java.util.List;
import ops.audit.AuditResult;
import ops.audit.Finding;
import ops.audit.PathRow;

/** The path matrix as a table a person can scan, then the findings, worst first. */
public final class TextReport {
    private TextReport() {}

    public static String render(AuditResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("route-audit ").append(r.target()).append(": ").append(r.status()).append(" (")
                .append(Summary.counts(r)).append(")\n\n");
        if (!r.edges().isEmpty()) {
            sb.append("Edges:\n");
            r.edges().forEach(e -> sb.append("  ").append(e.line()).append('\n'));
            sb.append('\n');
        }
        sb.append(matrix(r.paths()));
        sb.append('\n');
        if (r.findings().isEmpty()) {
            sb.append("No findings.\n");
        } else {
            sb.append("Findings:\n");
            for (Finding f : r.findings()) {
                sb.append(pad(f.severity().name(), 8)).append(' ').append(f.code().id).append(' ')
                        .append(f.code().slug).append(": ").append(f.message()).append('\n');
                sb.append("         fix: ").append(f.fix()).append('\n');
            }
            sb.append("(each code is explained in docs/findings.md)\n");
        }
        if (!r.ignored().isEmpty()) {
            sb.append("\nIgnored (accepted with --ignore or the inventory; not in the status):\n");
            for (Finding f : r.ignored()) sb.append(pad(f.severity().name(), 8)).append(' ').append(f.code().id).append(' ').append(f.message()).append('\n');
        }
        return sb.toString();
    }

    /** The path matrix alone, as nat-toggle and default-route show it before and after a change. */
    public static String matrix(List<PathRow> paths) {
        if (paths.isEmpty()) return "No published paths found (no DNAT on any edge, no port forward on a VPN gateway).\n";
        StringBuilder sb = new StringBuilder();
        List<String[]> rows = new ArrayList<>();
        rows.add(PathColumn.TABLE.stream().map(c -> c.header).toArray(String[]::new));
        for (PathRow p : paths) rows.add(PathColumn.TABLE.stream().map(c -> c.cell(p)).toArray(String[]::new));
        Table.render(rows, sb);
        return sb.toString();
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
