package ops.report;

import java.util.List;
import ops.audit.Finding;
import ops.audit.PathRow;

/** Any report as plain text: head lines, a blank line, then the sections a blank line apart. */
public final class TextRenderer {
    private TextRenderer() {}

    public static String render(Report r) {
        return render(r, false);
    }

    /** With {@code colour} (see {@link Colour#wanted}), verdicts, statuses and severities are painted for a terminal. */
    public static String render(Report r, boolean colour) {
        StringBuilder sb = new StringBuilder();
        new TextRenderer.Writer(colour).write(r.document(), sb);
        return sb.toString();
    }

    /** The path matrix alone, as nat-toggle and default-route show it before and after a change. */
    public static String matrix(List<PathRow> paths) {
        StringBuilder sb = new StringBuilder();
        new TextRenderer.Writer(false).write(AuditReport.matrix(paths), sb);
        return sb.toString();
    }

    /** One rendering: whether it paints. */
    private record Writer(boolean colour) {

        private void findings(Section.Findings f, StringBuilder sb) {
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

        /** The severity padded to 8 columns, then painted. */
        private String pad(String s) {
            String padded = s.length() >= 8 ? s : s + " ".repeat(8 - s.length());
            return colour ? Colour.paint(s) + padded.substring(s.length()) : padded;
        }

        private void write(Section s, StringBuilder sb) {
            if (s instanceof Document d) {
                for (int i = 0; i < d.head().size(); i++) sb.append(i == 0 ? title(d.head().get(0)) : d.head().get(i)).append('\n');
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
                Table.render(g.rows(), sb, colour);
            }
        }

        /** "route-audit fw1: CRITICAL (…)" with the status painted. */
        private String title(String line) {
            if (!colour) return line;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(": (OK|WARNING|CRITICAL|UNKNOWN)( \\(|:|$)").matcher(line);
            return m.find() ? line.substring(0, m.start(1)) + Colour.paint(m.group(1)) + line.substring(m.end(1)) : line;
        }
    }
}
