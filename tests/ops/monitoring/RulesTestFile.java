package ops.monitoring;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import ops.support.Repo;

/**
 * A `promtool test rules` file for monitoring/route-audit.rules.yml, built from textfiles the
 * scripts wrote: each sample becomes a constant series, then what each alert must do.
 */
public final class RulesTestFile {
    public static final Path RULES = Repo.path("monitoring/route-audit.rules.yml");

    private RulesTestFile() {}

    /** Writes the test file of these groups into DIR and runs promtool on it: "exit\noutput". */
    public static String run(Path dir, String... groups) throws Exception {
        Path testFile = dir.resolve("route-audit.test.yml");
        Files.writeString(testFile, "rule_files: ['" + RULES + "']\nevaluation_interval: 1m\ntests:\n" + String.join("", groups));
        return Promtool.run(null, "test", "rules", testFile.toString());
    }

    /**
     * A test group: every sample of the textfile as a constant series (its last-run timestamp 0
     * when writtenAtZero), then the expectations at MINUTES.
     */
    public static String group(String textfile, boolean writtenAtZero, int minutes, String expectations) {
        String series = textfile.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> {
            int cut = l.lastIndexOf(' ');
            String value = writtenAtZero && l.contains("_last_run_timestamp_seconds{") ? "0" : l.substring(cut + 1);
            return "      - series: '" + l.substring(0, cut) + "'\n        values: '" + value + "+0x" + (minutes + 5) + "'\n";
        }).collect(Collectors.joining());
        return "  - interval: 1m\n    input_series:\n" + series + "    alert_rule_test:\n" + expectations.replace("EVAL", minutes + "m");
    }

    /** ALERT fires with exactly these labels and annotations (promtool's YAML flow maps). */
    public static String expect(String alert, String labels, String annotations) {
        return "      - eval_time: EVAL\n        alertname: " + alert + "\n        exp_alerts:\n          - exp_labels: {" + labels + "}\n"
                + "            exp_annotations: {" + annotations + "}\n";
    }

    public static String silent(String... alerts) {
        return java.util.Arrays.stream(alerts).map(a -> "      - eval_time: EVAL\n        alertname: " + a + "\n        exp_alerts: []\n").collect(Collectors.joining());
    }
}
