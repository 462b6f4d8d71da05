package ops.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import ops.base.ExitStatus;
import ops.json.Json;
import ops.probe.CapturedDevice;
import ops.probe.CheckResult;
import ops.probe.MeasuredVerdict;
import ops.probe.PathCheck;
import ops.report.Metrics.Family;
import ops.report.Metrics.Sample;
import ops.report.NagiosLines.Perf;

/** source-ip-check's result for the renderers: the measured matrix, one note per path, and how it compares with route-audit's prediction. */
public final class CheckReport implements Report {
    static final String TOOL = "source-ip-check";
    private static final String PREFIX = "ops_source_ip_check";
    private static final String WHAT = "Check";

    private final CheckResult r;

    public CheckReport(CheckResult r) {
        this.r = r;
    }

    /** A check that could not run: status 3 and its last run, no other gauge. */
    public static Failed failed(String target, String message) {
        return new Failed(TOOL, target, message, new Metrics(PREFIX, WHAT, List.of(new Metrics.Target(target, ExitStatus.UNKNOWN)), List.of()));
    }

    @Override public ExitStatus status() { return r.status(); }

    @Override public java.util.Optional<ops.report.html.Scene> scene() { return java.util.Optional.of(ops.report.html.Scene.of(r)); }

    @Override public String readFrom() { return "measured live from " + r.vantage(); }

    @Override public Document document() {
        List<String> head = new ArrayList<>();
        head.add(Document.title(TOOL + " " + r.target() + " from " + r.vantage(), r.status(),
                counts() + "; " + r.paths().size() + " paths, " + String.format(Locale.ROOT, "%.1f s", r.tookMs() / 1000.0)));
        head.add("expected client address: " + r.expected() + " (" + r.expectedFrom() + ")");
        if (!r.devices().isEmpty()) head.add("captured on: " + devices(r.devices()));
        List<Section> sections = new ArrayList<>();
        sections.add(Section.grid(null, CheckColumn.table(r.compared()), r.paths()));
        sections.add(new Section.Items("Notes:", r.paths().stream().map(p -> p.target().label() + ": " + p.note()).toList()));
        if (r.compared()) {
            List<PathCheck> differ = r.paths().stream().filter(PathCheck::disagrees).toList();
            sections.add(differ.isEmpty() ? new Section.Lines(List.of("route-audit's prediction agrees with every measured path."))
                    : new Section.Items("Measured and predicted differ on " + differ.size() + " path(s):", differ.stream()
                            .map(p -> p.target().label() + ": measured " + p.verdict().label + ", route-audit predicts " + p.predicted().orElseThrow())
                            .toList()));
        }
        return new Document(head, sections);
    }

    @Override public ObjectNode json() {
        ObjectNode root = Json.object();
        root.put("target", r.target());
        root.put("vantage", r.vantage());
        root.put("expectedClientIp", r.expected().toString());
        root.put("expectedFrom", r.expectedFrom());
        JsonRenderer.status(root, r.status());
        root.put("tookMs", r.tookMs());
        ArrayNode devices = root.putArray("captured");
        for (CapturedDevice d : r.devices()) {
            ObjectNode o = devices.addObject();
            o.put("device", d.device());
            o.put("state", d.state().name());
            o.put("message", d.message());
            o.put("droppedByKernel", d.dropped());
        }
        JsonRenderer.rows(root.putArray("paths"), CheckColumn.json(r.compared()), r.paths());
        if (r.compared()) root.put("disagreements", r.disagreements());
        return root;
    }

    /** The status line names the worst path; then one line per path that is not OK or disagrees. */
    @Override public NagiosLines nagios() {
        ExitStatus status = r.status();
        PathCheck worst = r.paths().stream().filter(p -> p.verdict().status == status || (status == ExitStatus.WARNING && p.disagrees()))
                .findFirst().orElse(null);
        List<Perf> perf = new ArrayList<>(List.of(Perf.of("paths", r.paths().size())));
        for (MeasuredVerdict v : MeasuredVerdict.values()) perf.add(Perf.of(v.name().toLowerCase(Locale.ROOT), r.count(v)));
        if (r.compared()) perf.add(new Perf("disagreements", r.disagreements(), "1", ""));
        double slowest = r.paths().stream().flatMap(p -> p.probe().flatMap(o -> o.connectMs()).stream()).mapToDouble(d -> d).max().orElse(0);
        perf.add(Perf.of("connect_max", String.format(Locale.ROOT, "%.1fms", slowest)));
        List<String> details = r.paths().stream().filter(p -> p.verdict().status != ExitStatus.OK || p.disagrees())
                .map(p -> p.verdict().status + " " + NagiosRenderer.oneLine(line(p))).toList();
        return new NagiosLines(TOOL.toUpperCase(Locale.ROOT),
                status == ExitStatus.OK || worst == null ? r.paths().size() + " paths keep the client address" : line(worst), perf, details);
    }

    private static String line(PathCheck p) {
        return p.target().label() + " " + p.verdict().label
                + (p.disagrees() ? " (route-audit predicts " + p.predicted().orElseThrow() + ")" : "") + ": " + p.note();
    }

    @Override public Metrics metrics() {
        List<Sample> paths = new ArrayList<>(), ok = new ArrayList<>(), connect = new ArrayList<>();
        for (MeasuredVerdict v : MeasuredVerdict.values()) paths.add(new Sample(r.target(), List.of("verdict", v.name().toLowerCase(Locale.ROOT)), "" + r.count(v)));
        for (PathCheck p : r.paths()) {
            ok.add(Metrics.pathOk(r.target(), p.target().gateway(), p.target().service(), p.verdict(),
                    p.verdict() == MeasuredVerdict.PRESERVED || p.verdict() == MeasuredVerdict.MASQUERADED));
            p.probe().flatMap(o -> o.connectMs()).ifPresent(ms -> connect.add(new Sample(r.target(), Metrics.path(p.target().gateway(),
                    p.target().service()), String.format(Locale.ROOT, "%.6f", ms / 1000))));
        }
        List<Family> families = new ArrayList<>(List.of(
                new Family("paths", "Published paths by measured verdict.", paths),
                new Family("path_ok", "1 when a real connection worked (PRESERVED or MASQUERADED), else 0.", ok),
                new Family("connect_seconds", "TCP handshake time seen by the vantage, for paths that connected.", connect)));
        if (r.compared()) {
            families.add(new Family("disagreements", "Paths where route-audit's prediction differs from the measurement.",
                    List.of(new Sample(r.target(), List.of(), "" + r.disagreements()))));
        }
        return new Metrics(PREFIX, WHAT, List.of(new Metrics.Target(r.target(), r.status())), families);
    }

    private String counts() {
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
}
