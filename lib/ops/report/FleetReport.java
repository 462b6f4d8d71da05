package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import ops.audit.AuditResult;
import ops.audit.Finding;
import ops.audit.FleetOutcome;
import ops.audit.Severity;
import ops.base.ExitStatus;
import ops.json.Json;
import ops.report.NagiosLines.Perf;

/**
 * Many firewalls in one report, readable at 500: the summary first (counts by status, then one
 * line per firewall that is not OK with its worst problem), then the reports of those firewalls;
 * OK firewalls are only counted. JSON and metrics hold every firewall once. The status is the worst.
 */
public final class FleetReport implements Report {
    /** A fleet this small is read whole: the OK firewalls' reports are shown too (someone named two or three by hand). */
    static final int WHOLE_UP_TO = 3;

    /** The order of the summary's lines and of the counts: what is broken, then what is degraded, then what could not be read. */
    private static final List<ExitStatus> LISTED = List.of(ExitStatus.CRITICAL, ExitStatus.WARNING, ExitStatus.UNKNOWN);

    /**
     * One firewall of the fleet.
     *
     * @param index  its place in the fleet (the inventory's order): the HTML page's anchor
     * @param report its own report: an AuditReport, or a Failed one line long
     */
    record Member(int index, FleetOutcome outcome, Report report) {
        String firewall() { return outcome.firewall(); }

        ExitStatus status() { return report.status(); }

        boolean audited() { return outcome.audit().isPresent(); }

        /** Its most severe finding, when it was audited and has one. */
        Optional<Finding> worst() {
            return outcome.audit().flatMap(a -> a.findings().stream().min(Finding.ORDER));
        }

        /** The worst finding (its code, its message, how many more), or why it could not be audited; one line. */
        String problem() {
            if (outcome.audit().isEmpty()) return oneLine(outcome.failure().orElse(""));
            AuditResult a = outcome.audit().get();
            Finding worst = worst().orElse(null);
            if (worst == null || worst.severity() == Severity.INFO) return "";
            long more = a.count(Severity.CRITICAL) + a.count(Severity.WARNING) - 1;
            return oneLine(worst.code().id + " " + worst.message() + (more > 0 ? " (+" + more + " more)" : ""));
        }

        private static String oneLine(String s) {
            return s.replace("\r", "").replace('\n', ' ');
        }
    }

    private final List<Member> members;

    public FleetReport(List<FleetOutcome> outcomes) {
        List<Member> all = new ArrayList<>();
        for (FleetOutcome o : outcomes) {
            all.add(new Member(all.size(), o, o.audit().<Report>map(a -> new AuditReport(o.firewall(), a))
                    .orElseGet(() -> AuditReport.failed(o.firewall(), o.failure().orElse("")))));
        }
        this.members = List.copyOf(all);
    }

    @Override public ExitStatus status() {
        ExitStatus s = ExitStatus.OK;
        for (Member m : members) s = ExitStatus.worst(s, m.status());
        return s;
    }

    /** "route-audit fleet: CRITICAL (500 firewalls: 150 critical, …, 200 ok)". */
    String title() {
        return Document.title(AuditReport.TOOL + " fleet", status(), members.size() + " firewalls: " + counts());
    }

    /** The firewalls that are not OK: critical, then warning, then unknown; each group in the fleet's order. */
    List<Member> notOk() {
        return members.stream().filter(m -> m.status() != ExitStatus.OK)
                .sorted(Comparator.comparingInt(m -> LISTED.indexOf(m.status()))).toList();
    }

    /** One row per firewall that is not OK: name, status, its worst problem. */
    Section.Grid summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"FIREWALL", "STATUS", "PROBLEM"});
        for (Member m : notOk()) rows.add(new String[] {m.firewall(), m.status().name(), m.problem()});
        return new Section.Grid(null, rows);
    }

    /** What the summary says of the OK firewalls (counted, or named in a small fleet); empty when there is none. */
    Optional<String> okLine() {
        List<String> ok = members.stream().filter(m -> m.status() == ExitStatus.OK).map(Member::firewall).toList();
        if (ok.isEmpty()) return Optional.empty();
        if (whole()) return Optional.of("OK: " + String.join(", ", ok) + " (report below).");
        String which = ok.size() == members.size() ? "All " + ok.size() + " firewalls are OK" : ok.size() + " firewalls are OK";
        return Optional.of(which + " (not listed; `" + AuditReport.TOOL + " FIREWALL` shows one firewall's report).");
    }

    /**
     * The firewalls whose report follows the summary: those not OK that were audited (an unreachable one's
     * reason is its summary line), in the summary's order; in a small fleet then the OK ones too.
     */
    List<Member> detailed() {
        List<Member> out = new ArrayList<>(notOk().stream().filter(Member::audited).toList());
        if (whole()) members.stream().filter(m -> m.status() == ExitStatus.OK).forEach(out::add);
        return out;
    }

    private boolean whole() {
        return members.size() <= WHOLE_UP_TO;
    }

    @Override public Document document() {
        List<Section> sections = new ArrayList<>();
        if (!notOk().isEmpty()) sections.add(summary());
        okLine().ifPresent(l -> sections.add(new Section.Lines(List.of(l))));
        List<Member> detailed = detailed();
        // at 500 the reports run to thousands of lines: say what they are before they start
        if (!detailed.isEmpty()) sections.add(new Section.Lines(List.of("Below, the report of each firewall above that could be read, in that order.")));
        detailed.forEach(m -> sections.add(m.report().document()));
        return new Document(List.of(title()), sections);
    }

    @Override public ObjectNode json() {
        ObjectNode root = Json.object();
        JsonRenderer.status(root, status());
        ObjectNode summary = root.putObject("summary");
        summary.put("firewalls", members.size());
        for (ExitStatus e : LISTED) summary.put(e.name().toLowerCase(Locale.ROOT), count(e));
        summary.put("ok", count(ExitStatus.OK));
        ArrayNode fws = root.putArray("firewalls");
        members.forEach(m -> fws.add(m.report().json()));
        return root;
    }

    /** The status line counts firewalls by status; then one line per firewall that is not OK, with its worst problem. */
    @Override public NagiosLines nagios() {
        List<Perf> perf = new ArrayList<>(List.of(Perf.of("firewalls", members.size())));
        for (ExitStatus e : ExitStatus.values()) perf.add(Perf.of(e.name().toLowerCase(Locale.ROOT), count(e)));
        List<String> details = new ArrayList<>();
        for (Member m : notOk()) {
            String why = m.audited() ? m.worst().map(Finding::message).orElse("") : m.outcome().failure().orElse("");
            details.add(NagiosRenderer.oneLine(m.status() + " " + m.firewall() + ": " + why));
        }
        return new NagiosLines(AuditReport.TOOL.toUpperCase(Locale.ROOT), members.size() + " firewalls: " + counts(), perf, details);
    }

    /** Each firewall's series under its target label, every family once, then the fleet's count of firewalls by status. */
    @Override public Metrics metrics() {
        Metrics each = AuditReport.none().with(members.stream().map(m -> m.report().metrics()).toList());
        List<Metrics.Sample> byStatus = new ArrayList<>();
        for (ExitStatus e : ExitStatus.values()) {
            byStatus.add(new Metrics.Sample(null, List.of("status", e.name().toLowerCase(Locale.ROOT)), String.valueOf(count(e))));
        }
        List<Metrics.Family> families = new ArrayList<>(each.families());
        families.add(new Metrics.Family("fleet_firewalls", "Firewalls of this fleet run by status.", byStatus));
        return new Metrics(each.prefix(), each.what(), each.targets(), families);
    }

    private String counts() {
        return count(ExitStatus.CRITICAL) + " critical, " + count(ExitStatus.WARNING) + " warning, "
                + count(ExitStatus.UNKNOWN) + " unknown, " + count(ExitStatus.OK) + " ok";
    }

    private long count(ExitStatus e) {
        return members.stream().filter(m -> m.status() == e).count();
    }
}
