package ops.audit;

import java.util.List;
import ops.base.ExitStatus;

/** The analyzer's answer: the path matrix and the findings, both sorted. */
public record AuditResult(String target, List<PathRow> paths, List<Finding> findings) {

    public ExitStatus status() {
        ExitStatus s = ExitStatus.OK;
        for (Finding f : findings) s = ExitStatus.worst(s, f.severity().exitStatus());
        return s;
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
