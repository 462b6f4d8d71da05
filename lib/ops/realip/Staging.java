package ops.realip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.defaultgw.DefaultRouteSteps;
import ops.model.DefaultGateway;
import ops.model.Gateway;
import ops.model.Topology;
import ops.nat.EdgeMasquerade;

/**
 * The fix as a series of network states, each predicted by the analyzer: now; every other
 * gateway whose paths would turn triangular masquerading first; the default route on the target
 * while it still masquerades; then the target not masquerading. A step that would newly break a
 * path (triangular or blocked) is a refusal. Pure: no I/O.
 */
public final class Staging {
    /** One state of the network on the way, and the step that leads to it ("" for now). */
    public record Stage(String step, Topology topology, AuditResult audit) {}

    private final Gateway target;
    private final List<EdgeMasquerade> masqueradeFirst;
    private final boolean moveDefault;
    private final boolean unmasquerade;
    private final List<Stage> stages;

    private Staging(Gateway target, List<EdgeMasquerade> masqueradeFirst, boolean moveDefault, boolean unmasquerade, List<Stage> stages) {
        this.target = target;
        this.masqueradeFirst = masqueradeFirst;
        this.moveDefault = moveDefault;
        this.unmasquerade = unmasquerade;
        this.stages = stages;
    }

    /**
     * @param edgeName the host of each gateway's edge, as messages name it
     */
    public static Staging plan(Topology now, EdgeMasquerade target, Function<String, String> edgeName) {
        Gateway x = now.gateway(target.gateway()).orElseThrow();
        DefaultGateway d = now.defaultGateway();
        boolean move = !(d.kind() == DefaultGateway.Kind.GATEWAY && d.name().equals(x.name()));
        boolean unmasq = target.masquerades();

        Topology end = now;
        if (move) end = DefaultRouteSteps.predicted(end, x);
        if (unmasq) end = target.turned(end, false, edgeName.apply(x.name()));
        AuditResult endAudit = Analyzer.analyze(end);
        List<EdgeMasquerade> others = new ArrayList<>();
        for (Gateway g : now.gateways()) {
            if (g.name().equals(x.name()) || endAudit.paths().stream().noneMatch(p -> p.gateway().equals(g.name()) && p.verdict() == Verdict.TRIANGULAR)) continue;
            // masquerade fixes it when the edge was read and does not masquerade yet; otherwise the stages refuse
            EdgeMasquerade.in(now, g.name()).filter(m -> !m.masquerades()).ifPresent(others::add);
        }

        List<Stage> stages = new ArrayList<>();
        stages.add(new Stage("", now, Analyzer.analyze(now)));
        Topology t = now;
        if (!others.isEmpty()) {
            for (EdgeMasquerade m : others) t = m.turned(t, true, edgeName.apply(m.gateway()));
            stages.add(new Stage("masquerade on for " + names(others) + " (its paths would turn triangular once the default leaves)",
                    t, Analyzer.analyze(t)));
        }
        if (move) {
            t = DefaultRouteSteps.predicted(t, x);
            stages.add(new Stage("default route on " + x.name() + (unmasq ? ", which still masquerades" : ""), t, Analyzer.analyze(t)));
        }
        if (unmasq) {
            t = target.turned(t, false, edgeName.apply(x.name()));
            stages.add(new Stage(x.name() + " stops masquerading: the server sees real client IPs", t, Analyzer.analyze(t)));
        }
        return new Staging(x, List.copyOf(others), move, unmasq, List.copyOf(stages));
    }

    public Gateway target() { return target; }

    /** The other gateways turned to masquerade first, in the order of the firewall's gateways. */
    public List<EdgeMasquerade> masqueradeFirst() { return masqueradeFirst; }

    public boolean moveDefault() { return moveDefault; }

    public boolean unmasquerade() { return unmasquerade; }

    /** Now, then the state after each step that changes something. */
    public List<Stage> stages() { return stages; }

    public Stage now() { return stages.get(0); }

    public Stage end() { return stages.get(stages.size() - 1); }

    public boolean nothingToDo() { return stages.size() == 1; }

    /** Why a step would break what works: a path that turns triangular or blocked on the way, with the step that breaks it. */
    public List<String> refusals() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i < stages.size(); i++) {
            Map<String, Verdict> before = verdicts(stages.get(i - 1).audit());
            for (PathRow p : stages.get(i).audit().paths()) {
                if (!broken(p.verdict()) || broken(before.getOrDefault(key(p), Verdict.PRESERVED))) continue; // broken before: not this step's doing
                out.add("stage " + i + " (" + stages.get(i).step() + ") would make " + p.gateway() + " " + p.service() + " "
                        + p.verdict() + (p.verdict() == Verdict.TRIANGULAR ? " (replies leave by " + p.replyLeavesBy() + ")" : "")
                        + whyNotFixed(p));
            }
        }
        return out;
    }

    /** What the plan cannot tell: paths whose outcome is unknown at the end (an edge not read, say). */
    public List<String> unknowns() {
        Set<String> gws = end().audit().paths().stream().filter(p -> p.verdict() == Verdict.UNKNOWN).map(PathRow::gateway)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
        return gws.stream().map(g -> g + ": its paths cannot be predicted (" + end().audit().paths().stream()
                .filter(p -> p.gateway().equals(g) && p.verdict() == Verdict.UNKNOWN).findFirst().map(p -> String.join(", ", p.notes()))
                .orElse("") + ")").toList();
    }

    private String whyNotFixed(PathRow p) {
        if (p.gateway().equals(target.name())) return "";
        Optional<EdgeMasquerade> m = EdgeMasquerade.in(now().topology(), p.gateway());
        if (m.isEmpty()) return "; masquerade cannot be turned on for it from what was read (its edge's NAT rules or its tunnel interface)";
        return m.get().masquerades() ? "; it masquerades already" : "";
    }

    private static boolean broken(Verdict v) { return v == Verdict.TRIANGULAR || v == Verdict.BLOCKED; }

    private static Map<String, Verdict> verdicts(AuditResult a) {
        Map<String, Verdict> m = new java.util.HashMap<>();
        for (PathRow p : a.paths()) m.put(key(p), p.verdict());
        return m;
    }

    private static String key(PathRow p) { return p.gateway() + " " + p.service(); }

    private static String names(List<EdgeMasquerade> ms) {
        return String.join(", ", ms.stream().map(EdgeMasquerade::gateway).toList());
    }
}
