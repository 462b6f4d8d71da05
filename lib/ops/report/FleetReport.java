package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ops.audit.AuditResult;
import ops.audit.FleetOutcome;
import ops.audit.Severity;
import ops.base.ExitStatus;
import ops.json.Json;
import ops.report.NagiosLines.Perf;

/** Many firewalls in one report: each firewall's own report, then one summary; the status is the worst. */
public final class FleetReport implements Report {
    private final List<FleetOutcome> outcomes;
    private final List<Report> members;

    public FleetReport(List<FleetOutcome> outcomes) {
        this.outcomes = List.copyOf(outcomes);
        this.members = outcomes.stream().map(o -> o.audit().<Report>map(a -> new AuditReport(o.firewall(), a))
                .orElseGet(() -> AuditReport.failed(o.firewall(), o.failure().orElse("")))).toList();
    }

    @Override public ExitStatus status() {
        ExitStatus s = ExitStatus.OK;
        for (Report m : members) s = ExitStatus.worst(s, m.status());
        return s;
    }

    @Override public Document document() {
        List<Section> sections = new ArrayList<>(members.stream().map(Report::document).toList());
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FIREWALL", "STATUS", "CRITICAL", "WARNING", "PATHS"});
        for (FleetOutcome o : outcomes) {
            rows.add(o.audit().map(a -> new String[] {o.firewall(), a.status().name(), String.valueOf(a.count(Severity.CRITICAL)),
                    String.valueOf(a.count(Severity.WARNING)), String.valueOf(a.paths().size())})
                    .orElse(new String[] {o.firewall(), "UNKNOWN", "-", "-", "-"}));
        }
        sections.add(new Section.Grid(Document.title("Fleet", status(), counts()), rows));
        return new Document(List.of(), sections);
    }

    /** Each firewall's own report, in the fleet's order. */
    List<Report> members() { return members; }

    @Override public ObjectNode json() {
        ObjectNode root = Json.object();
        JsonRenderer.status(root, status());
        ArrayNode fws = root.putArray("firewalls");
        members.forEach(m -> fws.add(m.json()));
        return root;
    }

    /** The status line counts firewalls by status; then one line per firewall that is not OK, with its worst problem. */
    @Override public NagiosLines nagios() {
        List<Perf> perf = new ArrayList<>(List.of(Perf.of("firewalls", outcomes.size())));
        for (ExitStatus e : ExitStatus.values()) perf.add(Perf.of(e.name().toLowerCase(Locale.ROOT), count(e)));
        List<String> details = new ArrayList<>();
        for (FleetOutcome o : outcomes) {
            if (o.audit().isEmpty()) {
                details.add(NagiosRenderer.oneLine("UNKNOWN " + o.firewall() + ": " + o.failure().orElse("")));
            } else if (o.audit().get().status() != ExitStatus.OK) {
                AuditResult a = o.audit().get();
                details.add(NagiosRenderer.oneLine(a.status() + " " + o.firewall() + ": " + a.findings().get(0).message()));
            }
        }
        return new NagiosLines(AuditReport.TOOL.toUpperCase(Locale.ROOT), outcomes.size() + " firewalls: " + counts(), perf, details);
    }

    @Override public Metrics metrics() {
        return AuditReport.none().with(members.stream().map(Report::metrics).toList());
    }

    private String counts() {
        return count(ExitStatus.CRITICAL) + " critical, " + count(ExitStatus.WARNING) + " warning, "
                + count(ExitStatus.UNKNOWN) + " unknown, " + count(ExitStatus.OK) + " ok";
    }

    private long count(ExitStatus e) {
        return members.stream().filter(m -> m.status() == e).count();
    }
}
