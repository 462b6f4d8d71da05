package ops.report;

import java.util.Locale;
import ops.base.ExitStatus;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.PathCheck;

/** Monitoring-plugin output: one status line naming the worst path, perfdata, then one line per path that is not OK. */
public final class CheckNagiosReport {
    private CheckNagiosReport() {}

    static final String CHECK = "SOURCE-IP-CHECK";

    public static String render(CheckResult r) {
        ExitStatus status = r.status();
        StringBuilder sb = new StringBuilder(CHECK).append(' ').append(status).append(" - ");
        PathCheck worst = r.paths().stream().filter(p -> p.verdict().status == status || (status == ExitStatus.WARNING && p.disagrees()))
                .findFirst().orElse(null);
        sb.append(status == ExitStatus.OK || worst == null ? r.paths().size() + " paths keep the client address"
                : NagiosReport.oneLine(line(worst)));
        sb.append(" | paths=").append(r.paths().size()).append(";;;0");
        for (MeasuredVerdict v : MeasuredVerdict.values()) {
            sb.append(' ').append(v.name().toLowerCase(Locale.ROOT)).append('=').append(r.count(v)).append(";;;0");
        }
        if (r.compared()) sb.append(" disagreements=").append(r.disagreements()).append(";1;;0");
        double slowest = r.paths().stream().flatMap(p -> p.probe().flatMap(o -> o.connectMs()).stream()).mapToDouble(d -> d).max().orElse(0);
        sb.append(String.format(Locale.ROOT, " connect_max=%.1fms;;;0", slowest)).append('\n');
        for (PathCheck p : r.paths()) {
            if (p.verdict().status != ExitStatus.OK || p.disagrees()) {
                sb.append(p.verdict().status).append(' ').append(NagiosReport.oneLine(line(p))).append('\n');
            }
        }
        return sb.toString();
    }

    public static String failure(String message) {
        return NagiosReport.failure(CHECK, message);
    }

    private static String line(PathCheck p) {
        return p.target().label() + " " + p.verdict().label
                + (p.disagrees() ? " (route-audit predicts " + p.predicted().orElseThrow() + ")" : "") + ": " + p.note();
    }
}
