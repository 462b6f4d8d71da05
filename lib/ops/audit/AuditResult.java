package ops.audit;

import java.util.List;
import ops.base.ExitStatus;
import ops.discovery.EdgeSource;

/**
 * The analyzer's answer: the path matrix and the findings, both sorted; for a live audit also
 * which host was read as each gateway's edge and why (empty for a snapshot, whose edges are its files).
 *
 * @param ignored findings the operator accepted (--ignore, the inventory's ignore): shown, counted,
 *                never part of the status or the exit code
 * @param landscape the gateways, edges and groups a diagram draws the paths over
 * @param live      read from a live firewall (set by withEdges), not from a snapshot folder
 */
public record AuditResult(String target, List<PathRow> paths, List<Finding> findings, List<EdgeSource> edges,
                          List<Finding> ignored, Landscape landscape, boolean live) {

    public AuditResult(String target, List<PathRow> paths, List<Finding> findings) {
        this(target, paths, findings, Landscape.NONE);
    }

    public AuditResult(String target, List<PathRow> paths, List<Finding> findings, Landscape landscape) {
        this(target, paths, findings, List.of(), List.of(), landscape, false);
    }

    /** The same answer, saying which host each edge was read from: a live audit's. */
    public AuditResult withEdges(List<EdgeSource> sources) {
        return new AuditResult(target, paths, findings, List.copyOf(sources), ignored, landscape, true);
    }

    /**
     * The same answer with its fixes ready to paste: FIREWALL becomes the name the audit reached
     * the firewall by, and a nat-toggle of a gateway whose edge came from --edge gets that --edge too.
     */
    public AuditResult forFirewall(String firewall, java.util.Map<String, String> cliEdges) {
        java.util.function.UnaryOperator<Finding> fill = f -> {
            String fix = f.fix();
            for (var e : cliEdges.entrySet()) { // before FIREWALL is filled in: its name may hold anything
                fix = fix.replaceAll("(nat-toggle " + FixCommand.FIREWALL + " " + java.util.regex.Pattern.quote(e.getKey()) + " (on|off))",
                        "$1" + java.util.regex.Matcher.quoteReplacement(" --edge " + ops.text.Shell.quote(e.getKey() + "=" + e.getValue())));
            }
            if (!cliEdges.isEmpty()) { // real-ip reaches every edge whose masquerade it may change: pass them all
                StringBuilder all = new StringBuilder();
                new java.util.TreeMap<>(cliEdges).forEach((g, h) -> all.append(" --edge ").append(ops.text.Shell.quote(g + "=" + h)));
                fix = fix.replaceAll("(real-ip " + FixCommand.FIREWALL + " set \\S+)", "$1" + java.util.regex.Matcher.quoteReplacement(all.toString()));
            }
            fix = fix.replaceAll("\\b" + FixCommand.FIREWALL + "\\b", java.util.regex.Matcher.quoteReplacement(ops.text.Shell.quote(firewall)));
            return new Finding(f.code(), f.severity(), f.subject(), f.message(), fix);
        };
        return new AuditResult(target, paths, findings.stream().map(fill).toList(), edges, ignored.stream().map(fill).toList(), landscape, live);
    }

    /** The same answer with the findings of these codes set aside as accepted. */
    public AuditResult ignoring(java.util.Collection<Code> codes) {
        if (codes.isEmpty()) return this;
        List<Finding> kept = findings.stream().filter(f -> !codes.contains(f.code())).toList();
        List<Finding> set = new java.util.ArrayList<>(ignored);
        findings.stream().filter(f -> codes.contains(f.code())).forEach(set::add);
        return new AuditResult(target, paths, kept, edges, List.copyOf(set), landscape, live);
    }

    public ExitStatus status() {
        ExitStatus s = ExitStatus.OK;
        for (Finding f : findings) s = ExitStatus.worst(s, f.severity().exitStatus());
        return s;
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
