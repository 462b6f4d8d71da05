package ops.probe;

import java.util.Optional;
import ops.audit.Verdict;

/**
 * One path's measurement, as the reports show it.
 *
 * @param probe     what the vantage saw; empty when the path was not probed
 * @param seen      what the firewall's capture saw for this probe
 * @param predicted route-audit's verdict for the path, with --compare
 */
public record PathCheck(ProbeTarget target, Optional<ProbePlan> plan, Optional<ProbeOutcome> probe, Observation seen,
                        MeasuredVerdict verdict, String note, Optional<Verdict> predicted) {

    /** Whether the prediction says the same; empty without --compare or when either side could not tell. */
    public Optional<Boolean> agrees() {
        return predicted.flatMap(verdict::agreesWith);
    }

    public boolean disagrees() { return agrees().map(a -> !a).orElse(false); }
}
