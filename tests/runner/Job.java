package runner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * One test JVM's share of the suite. A class tagged {@code lab} (it builds the network lab) or
 * {@code slow} gets a JVM of its own, so those run side by side, each in its own lab; all other
 * classes share one JVM (they are quick, and some share machine-wide fixtures such as test users).
 */
record Job(String name, List<String> classes, int tests) {

    static final String LAB = "lab", SLOW = "slow";

    /**
     * The jobs for a discovered plan, in the order they start: the {@code slow} classes and the shared
     * JVM first (long, and not split), then the lab classes by their number of tests, most first, so
     * that no long job starts last.
     */
    static List<Job> plan(TestPlan plan) {
        List<Job> slow = new ArrayList<>(), lab = new ArrayList<>();
        List<String> shared = new ArrayList<>();
        int sharedTests = 0;
        for (TestIdentifier engine : plan.getRoots()) {
            for (TestIdentifier c : plan.getChildren(engine)) {
                if (!(c.getSource().orElse(null) instanceof ClassSource source)) continue;
                int tests = tests(plan, c);
                if (tests == 0) continue;
                List<String> tags = c.getTags().stream().map(TestTag::getName).toList();
                String name = source.getClassName();
                Job own = new Job(name.substring(name.lastIndexOf('.') + 1), List.of(name), tests);
                if (tags.contains(SLOW)) slow.add(own);
                else if (tags.contains(LAB)) lab.add(own);
                else {
                    shared.add(name);
                    sharedTests += tests;
                }
            }
        }
        List<Job> jobs = new ArrayList<>(slow);
        if (!shared.isEmpty()) jobs.add(new Job("unit tests (" + shared.size() + " classes)", shared, sharedTests));
        lab.sort(Comparator.comparingInt((Job j) -> j.tests()).reversed());
        jobs.addAll(lab);
        return jobs;
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
