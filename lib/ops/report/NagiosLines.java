package ops.report;

import java.util.List;

/**
 * What a monitoring plugin prints: "CHECK STATUS - summary | perfdata", then details.
 *
 * @param summary the worst problem, or what is fine; made one line when printed
 * @param details one line each (the adapter has made them so), nothing for an OK run
 */
public record NagiosLines(String check, String summary, List<Perf> perfdata, List<String> details) {

    /** One perfdata value: label=value;warn;crit;0 (thresholds empty for none). */
    public record Perf(String label, Object value, String warn, String crit) {
        static Perf of(String label, Object value) {
            return new Perf(label, value, "", "");
        }
    }
}
