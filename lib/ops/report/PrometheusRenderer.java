package ops.report;

import java.util.List;

/**
 * Any report in the text exposition format for node_exporter's textfile collector: each
 * target's status, the result's own gauges, each target's last run.
 */
public final class PrometheusRenderer {
    private PrometheusRenderer() {}

    public static String render(Report r, long nowSeconds) {
        Metrics m = r.metrics();
        StringBuilder sb = new StringBuilder();
        String status = m.prefix() + "_status";
        header(sb, status, m.what() + " status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        for (Metrics.Target t : m.targets()) sample(sb, status, t.name(), List.of(), String.valueOf(t.status().code));
        for (Metrics.Family f : m.families()) {
            String name = m.prefix() + "_" + f.name();
            header(sb, name, f.help());
            for (Metrics.Sample s : f.samples()) sample(sb, name, s.target(), s.labels(), s.value());
        }
        String lastRun = m.prefix() + "_last_run_timestamp_seconds";
        header(sb, lastRun, "When this " + m.what().toLowerCase(java.util.Locale.ROOT) + " ran (Unix time).");
        for (Metrics.Target t : m.targets()) sample(sb, lastRun, t.name(), List.of(), String.valueOf(nowSeconds));
        return sb.toString();
    }

    private static void header(StringBuilder sb, String name, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
    }

    /** @param target null for a sample of the whole run (a fleet's count by status): no target label */
    private static void sample(StringBuilder sb, String metric, String target, List<String> labels, String value) {
        List<String> all = new java.util.ArrayList<>();
        if (target != null) all.addAll(List.of("target", target));
        all.addAll(labels);
        sb.append(metric).append('{');
        for (int i = 0; i < all.size(); i += 2) sb.append(i == 0 ? "" : ",").append(all.get(i)).append("=\"").append(esc(all.get(i + 1))).append('"');
        sb.append("} ").append(value).append('\n');
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
