package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import ops.audit.AuditResult;
import ops.audit.Severity;
import ops.base.ExitStatus;
import ops.json.Json;
import ops.audit.FleetOutcome;

/** Many firewalls in one report: each firewall's own report, then one summary; the status is the worst. */
public final class FleetReport {
    private FleetReport() {}

    public static ExitStatus status(List<FleetOutcome> outcomes) {
        ExitStatus s = ExitStatus.OK;
        for (FleetOutcome o : outcomes) s = ExitStatus.worst(s, o.audit().map(AuditResult::status).orElse(ExitStatus.UNKNOWN));
        return s;
    }

    public static String render(List<FleetOutcome> outcomes, Format format, long now) {
        return switch (format) {
            case text -> text(outcomes);
            case json -> json(outcomes);
            case nagios -> nagios(outcomes);
            case prometheus -> PrometheusReport.render(outcomes.stream()
                    .map(o -> new PrometheusReport.Target(o.firewall(), o.audit())).toList(), now);
        };
    }

    private static String text(List<FleetOutcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        for (FleetOutcome o : outcomes) {
            if (o.audit().isPresent()) sb.append(TextReport.render(o.audit().get()));
            else sb.append("route-audit ").append(o.firewall()).append(": UNKNOWN: ").append(o.failure().orElse("")).append('\n');
            sb.append('\n');
        }
        sb.append("Fleet: ").append(status(outcomes)).append(" (").append(counts(outcomes)).append(")\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FIREWALL", "STATUS", "CRITICAL", "WARNING", "PATHS"});
        for (FleetOutcome o : outcomes) {
            rows.add(o.audit().map(a -> new String[] {o.firewall(), a.status().name(), String.valueOf(a.count(Severity.CRITICAL)),
                    String.valueOf(a.count(Severity.WARNING)), String.valueOf(a.paths().size())})
                    .orElse(new String[] {o.firewall(), "UNKNOWN", "-", "-", "-"}));
        }
        Table.render(rows, sb);
        return sb.toString();
    }

    private static String json(List<FleetOutcome> outcomes) {
        ObjectNode root = Json.object();
        ExitStatus s = status(outcomes);
        root.put("status", s.name());
        root.put("exitCode", s.code);
        ArrayNode fws = root.putArray("firewalls");
        for (FleetOutcome o : outcomes) {
            if (o.audit().isPresent()) {
                fws.add(JsonReport.tree(o.audit().get()));
            } else {
                ObjectNode f = fws.addObject();
                f.put("target", o.firewall());
                f.put("status", "UNKNOWN");
                f.put("exitCode", 3);
                f.put("error", o.failure().orElse(""));
            }
        }
        return Json.write(root);
    }

    private static String nagios(List<FleetOutcome> outcomes) {
        StringBuilder sb = new StringBuilder("ROUTE-AUDIT ").append(status(outcomes)).append(" - ").append(outcomes.size())
                .append(" firewalls: ").append(counts(outcomes));
        sb.append(" | firewalls=").append(outcomes.size()).append(";;;0");
        for (ExitStatus e : ExitStatus.values()) {
            sb.append(' ').append(e.name().toLowerCase()).append('=').append(count(outcomes, e)).append(";;;0");
        }
        sb.append('\n');
        for (FleetOutcome o : outcomes) {
            if (o.audit().isEmpty()) {
                sb.append("UNKNOWN ").append(o.firewall()).append(": ").append(o.failure().orElse("").replace('|', '/')).append('\n');
            } else if (o.audit().get().status() != ExitStatus.OK) {
                AuditResult a = o.audit().get();
                sb.append(a.status()).append(' ').append(o.firewall()).append(": ")
                        .append(a.findings().get(0).message().replace('|', '/')).append('\n');
            }
        }
        return sb.toString();
    }

    private static String counts(List<FleetOutcome> outcomes) {
        return count(outcomes, ExitStatus.CRITICAL) + " critical, " + count(outcomes, ExitStatus.WARNING) + " warning, "
                + count(outcomes, ExitStatus.UNKNOWN) + " unknown, " + count(outcomes, ExitStatus.OK) + " ok";
    }

    private static long count(List<FleetOutcome> outcomes, ExitStatus e) {
        return outcomes.stream().filter(o -> o.audit().map(AuditResult::status).orElse(ExitStatus.UNKNOWN) == e).count();
    }
}
