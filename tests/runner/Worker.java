package runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A test JVM's side: runs the classes it was given, prints a line per test, and writes its counts
 * and failures to the report file the suite reads ({@link Report}).
 */
public final class Worker {
    private Worker() {}

    public static int run(Options o) throws IOException {
        Launcher launcher = LauncherFactory.create();
        Listener listener = new Listener(System.out);
        launcher.execute(Discovery.classes(o), listener);
        System.out.flush();
        Report report = new Report(listener.passed.get(), listener.failed.get(), listener.skipped.get(), cpuSeconds(),
                new TreeMap<>(listener.classSeconds), new ArrayList<>(listener.failures));
        report.write(Path.of(o.report()));
        return report.failed() > 0 ? 1 : 0;
    }

    /**
     * CPU seconds this JVM and every process it waited for used (Linux /proc; 0 elsewhere): what a
     * job costs the machine, which is what limits how many run well at once.
     */
    static long cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int i = 11; i <= 14; i++) ticks += Long.parseLong(f[i]); // utime stime cutime cstime
            return ticks / 100; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** What a worker found: the three counts, its CPU seconds, each class's wall seconds, and each failure's name and trace. */
    record Report(long passed, long failed, long skipped, long cpuSeconds, Map<String, Double> classSeconds, List<String> failures) {
        private static final String SEPARATOR = "\u0000";

        void write(Path file) throws IOException {
            StringBuilder seconds = new StringBuilder();
            classSeconds.forEach((c, s) -> seconds.append(c).append(' ').append(s).append('\n'));
            List<String> parts = new ArrayList<>(List.of(passed + " " + failed + " " + skipped + " " + cpuSeconds, seconds.toString()));
            parts.addAll(failures);
            Files.writeString(file, String.join(SEPARATOR, parts), StandardCharsets.UTF_8);
        }

        static Report read(Path file) throws IOException {
            String[] parts = Files.readString(file, StandardCharsets.UTF_8).split(SEPARATOR, -1);
            String[] counts = parts[0].split(" ");
            Map<String, Double> seconds = new TreeMap<>();
            for (String line : parts[1].lines().toList()) seconds.put(line.substring(0, line.indexOf(' ')), Double.parseDouble(line.substring(line.indexOf(' ') + 1)));
            List<String> failures = new ArrayList<>(List.of(parts).subList(2, parts.length));
            return new Report(Long.parseLong(counts[0]), Long.parseLong(counts[1]), Long.parseLong(counts[2]), Long.parseLong(counts[3]), seconds, failures);
        }
    }
}
