package ops.report;

/** Any report as monitoring-plugin output: one status line with perfdata, then the detail lines. */
public final class NagiosRenderer {
    private NagiosRenderer() {}

    public static String render(Report r) {
        NagiosLines n = r.nagios();
        StringBuilder sb = new StringBuilder(n.check()).append(' ').append(r.status()).append(" - ").append(oneLine(n.summary()));
        if (!n.perfdata().isEmpty()) {
            sb.append(" |");
            for (NagiosLines.Perf p : n.perfdata()) {
                sb.append(' ').append(p.label()).append('=').append(p.value()).append(';').append(p.warn()).append(';').append(p.crit()).append(";0");
            }
        }
        sb.append('\n');
        n.details().forEach(d -> sb.append(d).append('\n'));
        return sb.toString();
    }

    /** A '|' would start the perfdata, a newline another line. */
    static String oneLine(String s) {
        return s.replace('|', '/').replace('\n', ' ');
    }
}
