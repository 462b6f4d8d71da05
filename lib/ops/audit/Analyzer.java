package ops.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ops.model.Topology;

/** Topology in, path matrix and findings out. Pure: no I/O, no clock. */
public final class Analyzer {
    private Analyzer() {}

    public static AuditResult analyze(Topology t) {
        List<TracedPath> traced = new PathTracer(t).trace();
        List<Finding> findings = new ArrayList<>();
        findings.addAll(PathChecks.check(t, traced));
        findings.addAll(DefaultGatewayChecks.check(t, traced));
        findings.addAll(PolicyRouteChecks.check(t));
        findings.sort(Finding.ORDER);
        List<PathRow> rows = traced.stream().map(TracedPath::row)
                .sorted(Comparator.comparing(PathRow::gateway).thenComparing(Analyzer::serviceOrder)).toList();
        return new AuditResult(t.name(), rows, List.copyOf(findings), Landscape.of(t));
    }

    /** "tcp/80" before "tcp/443": protocol, then the port as a number. */
    private static String serviceOrder(PathRow p) {
        String s = p.service();
        int slash = s.indexOf('/');
        String port = s.substring(slash + 1).split("[:,-]")[0];
        return s.substring(0, slash + 1) + (port.chars().allMatch(Character::isDigit) && !port.isEmpty()
                ? String.format("%05d", Integer.parseInt(port)) : port);
    }
}
