package ops.report;

import java.util.List;
import ops.audit.Finding;
import ops.audit.PathRow;

/** Any report as plain text: head lines, a blank line, then the sections a blank line apart. */
public final class TextRenderer {
    private TextRenderer() {}

    public static String render(Report r) {
        StringBuilder sb = new StringBuilder();
        write(r.document(), sb);
        return sb.toString();
    }

    /** The path matrix alone, as nat-toggle and default-route show it before and after a change. */
    public static String matrix(List<PathRow> paths) {
        StringBuilder sb = new StringBuilder();
        write(AuditReport.matrix(paths), sb);
        return sb.toString();
    }

    private static void findings(Section.Findings f, StringBuilder sb) {
        if (f.ignored()) {
            sb.append("Ignored (accepted with --ignore or the inventory; not in the status):\n");
            for (Finding x : f.findings()) sb.append(pad(x.severity().name())).append(' ').append(x.code().id).append(' ').append(x.message()).append('\n');
        } else if (f.findings().isEmpty()) {
            sb.append("No findings.\n");
        } else {
            sb.append("Findings:\n");
            for (Finding x : f.findings()) {
                sb.append(pad(x.severity().name())).append(' ').append(x.code().id).append(' ').append(x.code().slug).append(": ")
                        .append(x.message()).append('\n');
                sb.append("         fix: ").append(x.fix()).append('\n');
            }
            sb.append("(each code is explained in docs/findings.md)\n");
        }
    }

    private static String pad(String s) {
        return s.length() >= 8 ? s : s + " ".repeat(8 - s.length());
    }

    private static void write(Section s, StringBuilder sb) {
        if (s instanceof Document d) {
            d.head().forEach(l -> sb.append(l).append('\n'));
            if (!d.head().isEmpty() && !d.sections().isEmpty()) sb.append('\n');
            for (int i = 0; i < d.sections().size(); i++) {
                if (i > 0) sb.append('\n');
                write(d.sections().get(i), sb);
            }
        } else if (s instanceof Section.Lines l) {
            l.lines().forEach(x -> sb.append(x).append('\n'));
        } else if (s instanceof Section.Items i) {
            sb.append(i.heading()).append('\n');
            i.items().forEach(x -> sb.append("  ").append(x).append('\n'));
        } else if (s instanceof Section.Findings f) {
            findings(f, sb);
        } else if (s instanceof Section.Grid g) {
            if (g.heading() != null) sb.append(g.heading()).append('\n');
            Table.render(g.rows(), sb);
        }
    }
}
