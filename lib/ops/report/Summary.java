package ops.report;

import ops.audit.AuditResult;
import ops.audit.Severity;
import ops.audit.Verdict;

/** Counts shared by the renderers. */
final class Summary {
    private Summary() {}

    static String counts(AuditResult r) {
        return r.count(Severity.CRITICAL) + " critical, " + r.count(Severity.WARNING) + " warning, "
                + r.count(Severity.INFO) + " info; " + r.paths().size() + " paths" + ignored(r);
    }

    /** "; 2 ignored (RA109, RA111)", or nothing when none was. */
    static String ignored(AuditResult r) {
        if (r.ignored().isEmpty()) return "";
        return "; " + r.ignored().size() + " ignored (" + String.join(", ", r.ignored().stream().map(f -> f.code().id).distinct().toList()) + ")";
    }

    static long paths(AuditResult r, Verdict v) {
        return r.paths().stream().filter(p -> p.verdict() == v).count();
    }
}
