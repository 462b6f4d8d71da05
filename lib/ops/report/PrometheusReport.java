package ops.report;

import java.util.List;
import java.util.Optional;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.PathRow;
import ops.audit.Severity;
import ops.audit.Verdict;

/**
 * Text exposition format for node_exporter's textfile collector: one file for one firewall
 * or a whole fleet (each metric's HELP/TYPE once, one sample per target).
 */
public final class PrometheusReport {
    private PrometheusReport() {}

    /** A target's outcome: its audit, or empty when it could not be audited (status 3). */
    public record Target(String name, Optional<AuditResult> audit) {}

    public static String render(AuditResult r, long nowSeconds) {
        return render(List.of(new Target(r.target(), Optional.of(r))), nowSeconds);
    }

    /** A textfile for a run that could not finish: status 3, so alerts fire instead of going stale. */
    public static String failure(String targetName, long nowSeconds) {
        return render(List.of(new Target(targetName, Optional.empty())), nowSeconds);
    }

    public static String render(List<Target> targets, long nowSeconds) {
        StringBuilder sb = new StringBuilder();
        header(sb, "ops_route_audit_status", "Audit status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        for (Target t : targets) {
            sample(sb, "ops_route_audit_status", label(t), t.audit().map(a -> (long) a.status().code).orElse(3L));
        }
        header(sb, "ops_route_audit_findings", "Findings by code and severity.");
        for (Target t : targets) {
            if (t.audit().isEmpty()) continue;
            for (Code c : Code.values()) {
                for (Severity s : Severity.values()) {
                    long n = t.audit().get().findings().stream().filter(f -> f.code() == c && f.severity() == s).count();
                    if (n > 0 || s == c.severity) {
                        sample(sb, "ops_route_audit_findings", label(t) + ",code=\"" + c.id + "\",name=\"" + c.slug + "\",severity=\""
                                + s.name().toLowerCase() + "\"", n);
                    }
                }
            }
        }
        header(sb, "ops_route_audit_findings_ignored", "Findings accepted with --ignore or the inventory (not in the status), by code.");
        for (Target t : targets) {
            if (t.audit().isEmpty()) continue;
            for (Code c : Code.values()) {
                long n = t.audit().get().ignored().stream().filter(f -> f.code() == c).count();
                if (n > 0) sample(sb, "ops_route_audit_findings_ignored", label(t) + ",code=\"" + c.id + "\",name=\"" + c.slug + "\"", n);
            }
        }
        header(sb, "ops_route_audit_paths", "Published paths by predicted verdict.");
        for (Target t : targets) {
            if (t.audit().isEmpty()) continue;
            for (Verdict v : Verdict.values()) {
                sample(sb, "ops_route_audit_paths", label(t) + ",verdict=\"" + v.name().toLowerCase() + "\"", Summary.paths(t.audit().get(), v));
            }
        }
        header(sb, "ops_route_audit_path_ok", "1 when the path works (PRESERVED or MASQUERADED), else 0.");
        for (Target t : targets) {
            if (t.audit().isEmpty()) continue;
            for (PathRow p : t.audit().get().paths()) {
                boolean ok = p.verdict() == Verdict.PRESERVED || p.verdict() == Verdict.MASQUERADED;
                sample(sb, "ops_route_audit_path_ok", label(t) + ",gateway=\"" + esc(p.gateway()) + "\",service=\"" + esc(p.service())
                        + "\",verdict=\"" + p.verdict().name().toLowerCase() + "\"", ok ? 1 : 0);
            }
        }
        header(sb, "ops_route_audit_last_run_timestamp_seconds", "When this audit ran (Unix time).");
        for (Target t : targets) sample(sb, "ops_route_audit_last_run_timestamp_seconds", label(t), nowSeconds);
        return sb.toString();
    }

    /**
     * The status-3 file of another job's metrics (source-ip-check).
     *
     * @param prefix the metrics' name prefix; {@code what} names the run in help texts ("Check")
     */
    static String failure(String prefix, String what, String targetName, long nowSeconds) {
        String target = "target=\"" + esc(targetName) + "\"";
        StringBuilder sb = new StringBuilder();
        header(sb, prefix + "_status", what + " status: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        sb.append(prefix).append("_status{").append(target).append("} 3\n");
        lastRun(sb, prefix, what, target, nowSeconds);
        return sb.toString();
    }

    static void lastRun(StringBuilder sb, String prefix, String what, String target, long now) {
        header(sb, prefix + "_last_run_timestamp_seconds", "When this " + what.toLowerCase() + " ran (Unix time).");
        sb.append(prefix).append("_last_run_timestamp_seconds{").append(target).append("} ").append(now).append('\n');
    }

    private static String label(Target t) {
        return "target=\"" + esc(t.name()) + "\"";
    }

    private static void sample(StringBuilder sb, String metric, String labels, long value) {
        sb.append(metric).append('{').append(labels).append("} ").append(value).append('\n');
    }

    static void header(StringBuilder sb, String name, String help) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" gauge\n");
    }

    static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
