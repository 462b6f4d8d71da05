package runner;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * tests/run's arguments: class-name filters, {@code --only PATTERN} (repeatable), {@code --jobs N},
 * {@code --record-durations} (rewrite tests/runner/durations.txt from this run);
 * and, for a worker JVM the suite starts, {@code --worker --class NAME... --report FILE}.
 */
public record Options(List<String> classFilters, List<String> only, int jobs, boolean recordDurations, boolean worker, List<String> classes, String report) {

    public static final String USAGE = "usage: tests/run [CLASS-NAME-SUBSTRING...] [--only PATTERN]... [--jobs N] [--record-durations]";

    public static Options parse(String... args) {
        List<String> classFilters = new ArrayList<>(), only = new ArrayList<>(), classes = new ArrayList<>();
        int jobs = defaultJobs();
        boolean worker = false, recordDurations = false;
        String report = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            boolean inline = a.startsWith("--") && a.contains("=");
            String name = inline ? a.substring(0, a.indexOf('=')) : a;
            String value = inline ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            boolean takesValue = true;
            switch (name) {
                case "--only" -> only.add(need(name, value, "a PATTERN (a Java regular expression)"));
                case "--jobs" -> jobs = jobs(need(name, value, "a NUMBER of test JVMs at once"));
                case "--class" -> classes.add(need(name, value, "a class name"));
                case "--report" -> report = need(name, value, "a FILE");
                case "--worker" -> { worker = true; takesValue = false; }
                case "--record-durations" -> { recordDurations = true; takesValue = false; }
                default -> {
                    if (a.startsWith("--")) throw new UsageException("unknown option " + a);
                    classFilters.add(a);
                    takesValue = false;
                }
            }
            if (takesValue && !inline) i++;
        }
        Options o = new Options(classFilters, only, jobs, recordDurations, worker, classes, report);
        o.onlyPattern(); // a bad regex is a usage error before anything runs
        return o;
    }

    /** OPS_TEST_JOBS, else 6: lab tests mostly wait on timeouts and other processes, so more JVMs than cores pay. */
    static int defaultJobs() {
        String env = System.getenv("OPS_TEST_JOBS");
        return env == null || env.isBlank() ? 6 : jobs(env);
    }

    private static int jobs(String s) {
        try {
            int n = Integer.parseInt(s.strip());
            if (n >= 1 && n <= 16) return n;
        } catch (NumberFormatException e) {
            // falls through to the one message
        }
        throw new UsageException("--jobs (or OPS_TEST_JOBS) must be a number from 1 to 16, not '" + s + "'");
    }

    private static String need(String option, String value, String what) {
        if (value == null || value.isEmpty()) throw new UsageException(option + " needs " + what);
        return value;
    }

    /** The --only patterns as one regex, or null. */
    Pattern onlyPattern() {
        if (only.isEmpty()) return null;
        try {
            return Pattern.compile(only.size() == 1 ? only.get(0) : "(?:" + String.join(")|(?:", only) + ")");
        } catch (PatternSyntaxException e) {
            throw new UsageException("--only: not a Java regular expression: " + e.getDescription() + " in " + e.getPattern());
        }
    }

    /** What was asked, for the "no tests found" line. */
    String asked() {
        List<String> asked = new ArrayList<>(classFilters);
        for (String o : only) asked.add("--only " + o);
        return String.join(" ", asked);
    }

    public static final class UsageException extends RuntimeException {
        UsageException(String message) { super(message); }
    }
}
