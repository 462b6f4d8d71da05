package ops.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ops.probe.CapturedDevice;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.PathCheck;

/** source-ip-check as a person reads it: the measured path matrix, then one line per path saying what was seen. */
public final class CheckTextReport {
    private CheckTextReport() {}

    public static String render(CheckResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("source-ip-check ").append(r.target()).append(" from ").append(r.vantage()).append(": ").append(r.status())
                .append(" (").append(counts(r)).append("; ").append(r.paths().size()).append(" paths, ")
                .append(String.format(Locale.ROOT, "%.1f s", r.tookMs() / 1000.0)).append(")\n");
        sb.append("expected client address: ").append(r.expected()).append(" (").append(r.expectedFrom()).append(")\n");
        if (!r.devices().isEmpty()) sb.append("captured on: ").append(devices(r.devices())).append('\n');
        sb.append('\n');
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("SERVICE", "GATEWAY", "EDGE ADDRESS", "ARRIVED FROM", "ON", "REPLY LEFT BY",
                "CONNECT", "FIREWALL", "VERDICT"));
        if (r.compared()) head.addAll(List.of("PREDICTED", "AGREES"));
        rows.add(head.toArray(String[]::new));
        for (PathCheck p : r.paths()) {
            List<String> row = new ArrayList<>(List.of(p.target().service(), p.target().gateway(), p.target().endpoint(),
                    p.seen().arrival().map(a -> a.source().toString()).orElse("-"),
                    p.seen().arrival().map(a -> a.device()).orElse("-"),
                    p.seen().answer().map(a -> a.device() + (a.reset() ? " (reset)" : "")).orElse("-"),
                    p.probe().map(o -> o.connectMs().map(CheckTextReport::ms).orElse("failed")).orElse("-"),
                    p.seen().firewallMs().map(CheckTextReport::ms).orElse("-"),
                    p.verdict().label));
            if (r.compared()) {
                row.add(p.predicted().map(Enum::name).orElse("-"));
                row.add(p.agrees().map(a -> a ? "yes" : "NO").orElse("-"));
            }
            rows.add(row.toArray(String[]::new));
        }
        Table.render(rows, sb);
        sb.append("\nNotes:\n");
        for (PathCheck p : r.paths()) sb.append("  ").append(p.target().label()).append(": ").append(p.note()).append('\n');
        if (r.compared()) {
            List<PathCheck> differ = r.paths().stream().filter(PathCheck::disagrees).toList();
            if (differ.isEmpty()) {
                sb.append("\nroute-audit's prediction agrees with every measured path.\n");
            } else {
                sb.append("\nMeasured and predicted differ on ").append(differ.size()).append(" path(s):\n");
                for (PathCheck p : differ) {
                    sb.append("  ").append(p.target().label()).append(": measured ").append(p.verdict().label)
                            .append(", route-audit predicts ").append(p.predicted().orElseThrow()).append('\n');
                }
            }
        }
        return sb.toString();
    }

    static String counts(CheckResult r) {
        List<String> parts = new ArrayList<>();
        for (MeasuredVerdict v : MeasuredVerdict.values()) {
            long n = r.count(v);
            if (n > 0) parts.add(n + " " + v.label.toLowerCase(Locale.ROOT));
        }
        if (r.compared()) parts.add(r.disagreements() + " disagreeing with route-audit");
        return String.join(", ", parts);
    }

    private static String devices(List<CapturedDevice> devices) {
        return String.join(", ", devices.stream().map(d -> d.device() + switch (d.state()) {
            case LISTENING -> "";
            case DOWN -> " (down)";
            case FAILED -> " (not captured: " + d.message() + ")";
        }).toList());
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, "%.1f ms", ms);
    }
}
