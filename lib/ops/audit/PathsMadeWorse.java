package ops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paths a change would break: working now (PRESERVED or MASQUERADED), TRIANGULAR or BLOCKED
 * after. A path already broken is not made worse, and one that only gets better is none of this.
 */
public final class PathsMadeWorse {
    private PathsMadeWorse() {}

    /** The predicted rows of the paths that work in {@code before} and not in {@code after}. */
    public static List<PathRow> between(AuditResult before, AuditResult after) {
        List<PathRow> out = new ArrayList<>();
        for (PathRow a : after.paths()) {
            if (a.verdict() != Verdict.TRIANGULAR && a.verdict() != Verdict.BLOCKED) continue;
            before.paths().stream().filter(b -> b.gateway().equals(a.gateway()) && b.service().equals(a.service()))
                    .filter(b -> b.verdict() == Verdict.PRESERVED || b.verdict() == Verdict.MASQUERADED).findFirst()
                    .ifPresent(b -> out.add(a));
        }
        return out;
    }

    /**
     * One phrase per gateway and verdict: "EDGE1_VPNV4 tcp/80, tcp/443 would turn TRIANGULAR (replies
     * would leave by EDGE2_VPNV4)"; empty when nothing is made worse.
     */
    public static Optional<String> describe(List<PathRow> worse) {
        Map<String, List<PathRow>> by = new LinkedHashMap<>();
        for (PathRow p : worse) by.computeIfAbsent(p.gateway() + " " + p.verdict() + " " + p.replyLeavesBy(), k -> new ArrayList<>()).add(p);
        List<String> parts = new ArrayList<>();
        for (List<PathRow> rows : by.values()) {
            PathRow first = rows.get(0);
            parts.add(first.gateway() + " " + String.join(", ", rows.stream().map(PathRow::service).toList()) + " would turn " + first.verdict()
                    + (first.verdict() == Verdict.TRIANGULAR ? " (replies would leave by " + first.replyLeavesBy() + ")" : ""));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }
}
