package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.Finding;
import ops.audit.PathRow;
import ops.audit.Severity;
import ops.audit.Verdict;
import ops.base.ExitStatus;
import ops.discovery.EdgeSource;
import ops.json.Json;
import ops.report.Metrics.Family;
import ops.report.Metrics.Sample;
import ops.report.NagiosLines.Perf;

/** route-audit's result for the renderers: the path matrix, then the findings, worst first. */
public final class AuditReport implements Report {
    static final String TOOL = "route-audit";
    private static final String PREFIX = "ops_route_audit";
    private static final String WHAT = "Audit";

    private final String name;
    private final AuditResult r;

    public AuditReport(AuditResult r) {
        this(r.target(), r);
    }

    /** @param name the firewall as the fleet names it (the metrics' target); the text and JSON show the result's own target */
    public AuditReport(String name, AuditResult r) {
        this.name = name;
        this.r = r;
    }

    /** An audit that could not run: its metrics are every gauge with no samples, status 3. */
    public static Failed failed(String target, String message) {
        return new Failed(TOOL, target, message, metrics(List.of(new Metrics.Target(target, ExitStatus.UNKNOWN)), List.of()));
    }

    @Override public ExitStatus status() { return r.status(); }

    @Override public java.util.Optional<ops.report.html.Scene> scene() { return java.util.Optional.of(ops.report.html.Scene.of(r)); }

    @Override public String readFrom() { return r.live() ? "live over SSH" : "the snapshot folder " + r.target(); }

    /** The firewall as the fleet names it. */
    String name() { return name; }

    @Override public Document document() {
        List<Section> sections = new ArrayList<>();
        if (!r.edges().isEmpty()) sections.add(new Section.Items("Edges:", r.edges().stream().map(EdgeSource::line).toList()));
        sections.add(matrix(r.paths()));
        sections.add(new Section.Findings(r.findings(), false));
        if (!r.ignored().isEmpty()) sections.add(new Section.Findings(r.ignored(), true));
        return new Document(List.of(Document.title(TOOL + " " + r.target(), r.status(), counts())), sections);
    }

    /** The path matrix as a table, or the line saying there is none. */
    static Section matrix(List<PathRow> paths) {
        if (paths.isEmpty()) return new Section.Lines(List.of("No published paths found (no DNAT on any edge, no port forward on a VPN gateway)."));
        return Section.grid(null, PathColumn.TABLE, paths);
    }

    @Override public ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("target", r.target());
        JsonRenderer.status(root, r.status());
        if (!r.edges().isEmpty()) {
            ArrayNode edges = root.putArray("edges");
            for (EdgeSource e : r.edges()) {
                ObjectNode o = edges.addObject();
                o.put("gateway", e.gateway());
                JsonRenderer.put(o, "host", e.host().orElse(null));
                o.put("source", e.origin().id);
                o.put("reason", e.why());
                e.address().ifPresent(a -> o.put("address", a));
                o.put("read", e.read());
                e.problem().ifPresent(p -> o.put("problem", p));
            }
        }
        JsonRenderer.rows(root.putArray("paths"), List.of(PathColumn.values()), r.paths());
        findings(root.putArray("findings"), r.findings());
        findings(root.putArray("ignored"), r.ignored());
        return root;
    }

    private static void findings(ArrayNode out, List<Finding> list) {
        for (Finding f : list) {
            ObjectNode o = out.addObject();
            o.put("code", f.code().id);
            o.put("name", f.code().slug);
            o.put("severity", f.severity().name());
            o.put("subject", f.subject());
            o.put("message", f.message());
            o.put("fix", f.fix());
        }
    }

    @Override public NagiosLines nagios() {
        Finding worst = r.findings().stream().filter(f -> f.severity() != Severity.INFO).findFirst().orElse(null);
        List<Perf> perf = new ArrayList<>(List.of(Perf.of("paths", r.paths().size())));
        for (Verdict v : Verdict.values()) perf.add(Perf.of(v.name().toLowerCase(Locale.ROOT), paths(v)));
        perf.add(new Perf("critical", r.count(Severity.CRITICAL), "", "1"));
        perf.add(new Perf("warning", r.count(Severity.WARNING), "1", ""));
        perf.add(Perf.of("ignored", r.ignored().size()));
        return new NagiosLines(TOOL.toUpperCase(Locale.ROOT), worst == null ? r.paths().size() + " paths checked, no problems" : worst.message(),
                perf, r.findings().stream().map(f -> f.severity() + " " + f.code().id + " " + NagiosRenderer.oneLine(f.message())).toList());
    }

    @Override public Metrics metrics() {
        return metrics(List.of(new Metrics.Target(name, r.status())), List.of(this));
    }

    /** The gauges of no audit yet: a fleet's file has each even when no firewall could be audited. */
    static Metrics none() {
        return metrics(List.of(), List.of());
    }

    private static Metrics metrics(List<Metrics.Target> targets, List<AuditReport> audits) {
        List<Sample> findings = new ArrayList<>(), ignored = new ArrayList<>(), paths = new ArrayList<>(), ok = new ArrayList<>();
        for (AuditReport a : audits) {
            for (Code c : Code.values()) {
                for (Severity s : Severity.values()) {
                    long n = a.r.findings().stream().filter(f -> f.code() == c && f.severity() == s).count();
                    if (n > 0 || s == c.severity) {
                        findings.add(new Sample(a.name, List.of("code", c.id, "name", c.slug, "severity", s.name().toLowerCase(Locale.ROOT)), "" + n));
                    }
                }
            }
            for (Code c : Code.values()) {
                long n = a.r.ignored().stream().filter(f -> f.code() == c).count();
                if (n > 0) ignored.add(new Sample(a.name, List.of("code", c.id, "name", c.slug), "" + n));
            }
            for (Verdict v : Verdict.values()) paths.add(new Sample(a.name, List.of("verdict", v.name().toLowerCase(Locale.ROOT)), "" + a.paths(v)));
            for (PathRow p : a.r.paths()) {
                ok.add(Metrics.pathOk(a.name, p.gateway(), p.service(), p.verdict(), p.verdict() == Verdict.PRESERVED || p.verdict() == Verdict.MASQUERADED));
            }
        }
        return new Metrics(PREFIX, WHAT, targets, List.of(
                new Family("findings", "Findings by code and severity.", findings),
                new Family("findings_ignored", "Findings accepted with --ignore or the inventory (not in the status), by code.", ignored),
                new Family("paths", "Published paths by predicted verdict.", paths),
                new Family("path_ok", "1 when the path works (PRESERVED or MASQUERADED), else 0.", ok)));
    }

    private String counts() {
        String ignored = r.ignored().isEmpty() ? ""
                : "; " + r.ignored().size() + " ignored (" + String.join(", ", r.ignored().stream().map(f -> f.code().id).distinct().toList()) + ")";
        return r.count(Severity.CRITICAL) + " critical, " + r.count(Severity.WARNING) + " warning, "
                + r.count(Severity.INFO) + " info; " + r.paths().size() + " paths" + ignored;
    }

    private long paths(Verdict v) {
        return r.paths().stream().filter(p -> p.verdict() == v).count();
    }

}
