package ops.report;

import java.util.List;
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
        } else if (s instanceof Section.Grid g) {
            if (g.heading() != null) sb.append(g.heading()).append('\n');
            Table.render(g.rows(), sb);
        }
    }
}
