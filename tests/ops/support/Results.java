package ops.support;

import java.util.List;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.Finding;
import ops.audit.PathRow;
import ops.audit.Verdict;

/** Small readers of an AuditResult for assertions. */
public final class Results {
    private Results() {}

    public static List<Finding> findings(AuditResult r, Code code) {
        return r.findings().stream().filter(f -> f.code() == code).toList();
    }

    public static boolean has(AuditResult r, Code code) {
        return !findings(r, code).isEmpty();
    }

    public static Verdict verdict(AuditResult r, String gateway) {
        List<Verdict> v = r.paths().stream().filter(p -> p.gateway().equals(gateway)).map(PathRow::verdict).distinct().toList();
        if (v.size() != 1) throw new AssertionError("expected one verdict for " + gateway + ", got " + v + " in " + r.paths());
        return v.get(0);
    }

    public static PathRow path(AuditResult r, String gateway) {
        return r.paths().stream().filter(p -> p.gateway().equals(gateway)).findFirst()
                .orElseThrow(() -> new AssertionError("no path via " + gateway + " in " + r.paths()));
    }

    public static PathRow path(AuditResult r, String gateway, String service) {
        return r.paths().stream().filter(p -> p.gateway().equals(gateway) && p.service().equals(service)).findFirst()
                .orElseThrow(() -> new AssertionError("no path " + service + " via " + gateway + " in " + r.paths()));
    }
}
