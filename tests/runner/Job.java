package runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One test JVM's share of the suite, with the seconds it is expected to take. A class tagged
 * {@code lab} (it builds the network lab) or {@code slow} gets a JVM of its own, so those run side
 * by side, each in its own lab; the other classes are quick and are cut into a few JVMs of about
 * equal length (machine-wide fixtures such as test users are named per lab slot, so they may run
 * at once).
 */
record Job(String name, List<String> classes, int tests, double expectedSeconds) {

    static final String LAB = "lab", SLOW = "slow";
    /** About how long one JVM of unit classes should run: shorter costs JVM starts, longer leaves one JVM last. */
    static final double UNIT_JVM_SECONDS = 75;

    /**
     * The jobs for a discovered plan, longest expected first (so that no long job starts last), with
     * the unit classes in at most {@code slots} JVMs.
     */
    static List<Job> plan(TestPlan plan, Durations durations, int slots) {
        List<Job> jobs = new ArrayList<>();
        List<Job> unit = new ArrayList<>();
        for (TestIdentifier engine : plan.getRoots()) {
            for (TestIdentifier c : plan.getChildren(engine)) {
                if (!(c.getSource().orElse(null) instanceof ClassSource source)) continue;
                int tests = tests(plan, c);
                if (tests == 0) continue;
                List<String> tags = c.getTags().stream().map(TestTag::getName).toList();
                String name = source.getClassName();
                double guess = tags.contains(SLOW) ? Durations.SLOW_GUESS : tags.contains(LAB) ? Durations.LAB_GUESS : Durations.UNIT_GUESS;
                Job own = new Job(Durations.simple(name), List.of(name), tests, durations.of(name, tests, guess));
                if (tags.contains(SLOW) || tags.contains(LAB)) jobs.add(own);
                else unit.add(own);
            }
        }
        jobs.addAll(unitJobs(unit, slots));
        jobs.sort(Comparator.comparingDouble(Job::expectedSeconds).reversed());
        return jobs;
    }

    /** The unit classes in as many JVMs as make each about {@link #UNIT_JVM_SECONDS} (1 to {@code slots}), longest class first into the shortest JVM. */
    static List<Job> unitJobs(List<Job> classes, int slots) {
        if (classes.isEmpty()) return List.of();
        double total = classes.stream().mapToDouble(Job::expectedSeconds).sum();
        int n = (int) Math.max(1, Math.min(slots, Math.ceil(total / UNIT_JVM_SECONDS)));
        List<List<Job>> buckets = new ArrayList<>();
        for (int i = 0; i < n; i++) buckets.add(new ArrayList<>());
        List<Job> longestFirst = new ArrayList<>(classes);
        longestFirst.sort(Comparator.comparingDouble(Job::expectedSeconds).reversed());
        for (Job c : longestFirst) {
            buckets.stream().min(Comparator.comparingDouble(Job::seconds)).orElseThrow().add(c);
        }
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Job> b = buckets.get(i);
            if (b.isEmpty()) continue;
            String name = "unit tests" + (n > 1 ? " " + (i + 1) + "/" + n : "") + " (" + b.size() + " classes)";
            jobs.add(new Job(name, b.stream().flatMap(j -> j.classes().stream()).toList(), b.stream().mapToInt(Job::tests).sum(), seconds(b)));
        }
        return jobs;
    }

    private static double seconds(List<Job> jobs) {
        return jobs.stream().mapToDouble(Job::expectedSeconds).sum();
    }

    /** Tests in a class; a test factory or parameterized test counts as ten (its tests exist only once it runs). */
    private static int tests(TestPlan plan, TestIdentifier id) {
        if (id.isTest()) return 1;
        int sum = 0;
        for (TestIdentifier child : plan.getChildren(id)) sum += tests(plan, child);
        if (sum == 0 && id.isContainer() && id.getSource().isPresent() && !(id.getSource().get() instanceof ClassSource)) return 10;
        return sum;
    }

}
