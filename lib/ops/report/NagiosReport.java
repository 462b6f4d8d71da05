package ops.report;

import ops.audit.AuditResult;
import ops.audit.Finding;
import ops.audit.Severity;
import ops.audit.Verdict;

/** Monitoring-plugin output: one status line with perfdata, then one line per finding. */
public final class NagiosReport {
    private NagiosReport() {}

    public static String render(AuditResult r) {
        StringBuilder sb = new StringBuilder("ROUTE-AUDIT ").append(r.status()).append(" - ");
        Finding worst = r.findings().stream().filter(f -> f.severity() != Severity.INFO).findFirst().orElse(null);
        sb.append(worst == null ? r.paths().size() + " paths checked, no problems" : oneLine(worst.message()));
        sb.append(" | paths=").append(r.paths().size()).append(";;;0");
        for (Verdict v : Verdict.values()) {
            sb.append(' ').append(v.name().toLowerCase()).append('=').append(Summary.paths(r, v)).append(";;;0");
        }
        sb.append(" critical=").append(r.count(Severity.CRITICAL)).append(";;1;0")
                .append(" warning=").append(r.count(Severity.WARNING)).append(";1;;0")
                .append(" ignored=").append(r.ignored().size()).append(";;;0\n");
        for (Finding f : r.findings()) {
            sb.append(f.severity()).append(' ').append(f.code().id).append(' ').append(oneLine(f.message())).append('\n');
        }
        return sb.toString();
    }

    /** The UNKNOWN status line for a run that could not finish. */
    public static String failure(String message) {
        return failure("ROUTE-AUDIT", message);
    }

    static String failure(String check, String message) {
        return check + " UNKNOWN - " + oneLine(message) + "\n";
    }

    static String oneLine(String s) {
        return s.replace('|', '/').replace('\n', ' ');
    }
}
