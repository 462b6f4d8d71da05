package ops.report;

import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.Finding;
import ops.audit.PathRow;
import ops.audit.Severity;
import ops.audit.Verdict;

/** Text exposition format for node_exporter's textfile collector. */
public final class PrometheusReport {
    private PrometheusReport() {}

    public static String render(AuditResult r, long nowSeconds) {
        String target = "target=\"" + esc(r.target()) + "\"";
        StringBuilder sb = new StringBuilder();
        header(sb, "ops_route_audit_status", "Audit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        sb.append("ops_route_audit_status{").append(target).append("} ").append(r.status().code).append('\n');
        header(sb, "ops_route_audit_findings", "Findings by code and severity.");
        for (Code c : Code.values()) {
            for (Severity s : Severity.values()) {
                long n = r.findings().stream().filter(f -> f.code() == c && f.severity() == s).count();
                if (n > 0 || s == c.severity) {
                    sb.append("ops_route_audit_findings{").append(target).append(",code=\"").append(c.id).append("\",name=\"")
                            .append(c.slug).append("\",severity=\"").append(s.name().toLowerCase()).append("\"} ").append(n).append('\n');
                }
            }
        }
        header(sb, "ops_route_audit_paths", "Published paths by predicted verdict.");
        for (Verdict v : Verdict.values()) {
            sb.append("ops_route_audit_paths{").append(target).append(",verdict=\"").append(v.name().toLowerCase())
                    .append("\"} ").append(Summary.paths(r, v)).append('\n');
        }
        header(sb, "ops_route_audit_path_ok", "1 when the path works (PRESERVED or MASQUERADED), else 0.");
        for (PathRow p : r.paths()) {
            boolean ok = p.verdict() == Verdict.PRESERVED || p.verdict() == Verdict.MASQUERADED;
            sb.append("ops_route_audit_path_ok{").append(target).append(",gateway=\"").append(esc(p.gateway()))
                    .append("\",service=\"").append(esc(p.service())).append("\",verdict=\"")
                    .append(p.verdict().name().toLowerCase()).append("\"} ").append(ok ? 1 : 0).append('\n');
        }
        lastRun(sb, target, nowSeconds);
        return sb.toString();
    }

    /** A textfile for a run that could not finish: status 3, so alerts fire instead of going stale. */
    public static String failure(String targetName, long nowSeconds) {
        return failure("ops_route_audit", "Audit", targetName, nowSeconds);
    }

    /** @param prefix the metrics' name prefix; {@code what} names the run in help texts ("Audit") */
    static String failure(String prefix, String what, String targetName, long nowSeconds) {
        String target = "target=\"" + esc(targetName) + "\"";
        StringBuilder sb = new StringBuilder();
        header(sb, prefix + "_status", what + " status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        sb.append(prefix).append("_status{").append(target).append("} 3\n");
        lastRun(sb, prefix, what, target, nowSeconds);
        return sb.toString();
    }

    private static void lastRun(StringBuilder sb, String target, long now) {
        lastRun(sb, "ops_route_audit", "Audit", target, now);
    }

    static void lastRun(StringBuilder sb, String prefix, String what, String target, long now) {
        header(sb, prefix + "_last_run_timestamp_seconds", "When this " + what.toLowerCase() + " ran (Unix time).");
        sb.append(prefix).append("_last_run_timestamp_seconds{").append(target).append("} ").append(now).append('\n');
    }

    static void header(StringBuilder sb, String name, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
