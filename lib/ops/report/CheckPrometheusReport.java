package ops.report;

import java.util.Locale;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.PathCheck;

/** Text exposition format for node_exporter's textfile collector. */
public final class CheckPrometheusReport {
    private CheckPrometheusReport() {}

    static final String PREFIX = "ops_source_ip_check";
    private static final String WHAT = "Check";

    public static String render(CheckResult r, long nowSeconds) {
        String target = "target=\"" + PrometheusReport.esc(r.target()) + "\"";
        StringBuilder sb = new StringBuilder();
        PrometheusReport.header(sb, PREFIX + "_status", "Check status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        sb.append(PREFIX).append("_status{").append(target).append("} ").append(r.status().code).append('\n');
        PrometheusReport.header(sb, PREFIX + "_paths", "Published paths by measured verdict.");
        for (MeasuredVerdict v : MeasuredVerdict.values()) {
            sb.append(PREFIX).append("_paths{").append(target).append(",verdict=\"").append(v.name().toLowerCase(Locale.ROOT))
                    .append("\"} ").append(r.count(v)).append('\n');
        }
        PrometheusReport.header(sb, PREFIX + "_path_ok", "1 when a real connection worked (PRESERVED or MASQUERADED), else 0.");
        for (PathCheck p : r.paths()) {
            boolean ok = p.verdict() == MeasuredVerdict.PRESERVED || p.verdict() == MeasuredVerdict.MASQUERADED;
            sb.append(PREFIX).append("_path_ok{").append(path(target, p)).append(",verdict=\"")
                    .append(p.verdict().name().toLowerCase(Locale.ROOT)).append("\"} ").append(ok ? 1 : 0).append('\n');
        }
        PrometheusReport.header(sb, PREFIX + "_connect_seconds", "TCP handshake time seen by the vantage, for paths that connected.");
        for (PathCheck p : r.paths()) {
            p.probe().flatMap(o -> o.connectMs()).ifPresent(ms -> sb.append(PREFIX).append("_connect_seconds{").append(path(target, p))
                    .append("} ").append(String.format(Locale.ROOT, "%.6f", ms / 1000)).append('\n'));
        }
        if (r.compared()) {
            PrometheusReport.header(sb, PREFIX + "_disagreements", "Paths where route-audit's prediction differs from the measurement.");
            sb.append(PREFIX).append("_disagreements{").append(target).append("} ").append(r.disagreements()).append('\n');
        }
        PrometheusReport.lastRun(sb, PREFIX, WHAT, target, nowSeconds);
        return sb.toString();
    }

    public static String failure(String targetName, long nowSeconds) {
        return PrometheusReport.failure(PREFIX, WHAT, targetName, nowSeconds);
    }

    private static String path(String target, PathCheck p) {
        return target + ",gateway=\"" + PrometheusReport.esc(p.target().gateway()) + "\",service=\""
                + PrometheusReport.esc(p.target().service()) + "\"";
    }
}
