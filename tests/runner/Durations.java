package runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long each test class took in a recorded run (tests/runner/durations.txt, "Class seconds" a
 * line, written by {@code tests/run --record-durations}). {@link Job#plan} uses it to start the
 * longest jobs first and to cut the unit classes into JVMs of about equal length; it never decides
 * what runs, only in which order and together with what, so a stale file only costs time.
 */
record Durations(Map<String, Double> seconds) {

    static final Path FILE = Path.of("tests/runner/durations.txt");

    /** Per test, for a class the file does not know yet (a new class, a renamed one). */
    static final double UNIT_GUESS = 0.5, LAB_GUESS = 15, SLOW_GUESS = 30;

    static Durations none() { return new Durations(Map.of()); }

    /** The recorded durations, or none when the file is missing or unreadable (the run goes on, less well ordered). */
    static Durations read(Path file) {
        Map<String, Double> seconds = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                if (f.length != 2 || line.startsWith("#")) continue;
                try {
                    seconds.put(f[0], Double.parseDouble(f[1]));
                } catch (NumberFormatException e) {
                    // a hand-edited line: ignored like a missing one
                }
            }
        } catch (IOException e) {
            return none();
        }
        return new Durations(seconds);
    }

    /** The class's recorded seconds, else a guess from its number of tests and what kind of job it is. */
    double of(String className, int tests, double perTestGuess) {
        Double known = seconds.get(simple(className));
        return known != null ? known : tests * perTestGuess;
    }

    /** Writes {@code measured} (simple class name → seconds), sorted by name. */
    static void write(Path file, Map<String, Double> measured) throws IOException {
        StringBuilder sb = new StringBuilder("# Seconds each test class took in a whole tests/run (tests/run --record-durations rewrites it).\n"
                + "# Only the order and grouping of test JVMs depend on it (runner.Job).\n");
        new TreeMap<>(measured).forEach((c, s) -> sb.append(c).append(' ').append(String.format(Locale.ROOT, "%.1f", s)).append('\n'));
        Files.writeString(file, sb.toString());
    }

    static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
