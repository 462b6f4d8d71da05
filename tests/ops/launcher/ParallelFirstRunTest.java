package ops.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: cron starts several checks in the same minute on a cold JBang cache (a fresh install,
 * the first run after a pull). Unlocked, JBang's builds corrupt each other (jbangdev/jbang#2445)
 * and every later run fails too. 8 copies of each script at once must all give their report.
 */
@Tag("slow") // minutes of JBang builds or many sshds: a JVM of its own in tests/run (runner.Job), beside the others
class ParallelFirstRunTest {
    static final int COPIES = 8;

    /** A script, its arguments, and how its own correct answer starts. */
    record Job(String script, List<String> args, int exit, String stdoutStart) {}

    static final List<Job> JOBS = List.of(
            new Job("route-audit", List.of("--snapshot", "examples/double-nat", "--format", "nagios"), 2,
                    "ROUTE-AUDIT CRITICAL - EDGE2_VPNV4: the edge does not masquerade"),
            new Job("source-ip-check", List.of("--help"), 0, "Usage: source-ip-check"),
            new Job("nat-toggle", List.of("--help"), 0, "Usage: nat-toggle"),
            new Job("default-route", List.of("--help"), 0, "Usage: default-route"));

    @Test
    void eightCopiesOfEachScriptStartedAtOnceOnAnEmptyCacheAllReport(@TempDir Path temp) throws Exception {
        allReport(Launcher.ofRepo(temp), COPIES);
    }

    /**
     * The same where a real JBang is on PATH (the README's `jbang route-audit@ops` users): the
     * recipes' ./jbang hands the run to it, after building once under its lock.
     */
    @Test
    void theSameWhenARealJbangIsOnPath(@TempDir Path temp) throws Exception {
        Launcher launcher = Launcher.ofRepo(temp).withJbangOnPath(temp);
        allReport(launcher, COPIES_ON_PATH);
    }

    /**
     * Here every copy also starts JBang's own JVM (~2 CPU-s, its launcher protocol), so 4 copies of
     * each script: 16 runs at once still race for every build, on a machine of any size, at half the
     * cost of 8 (the 8 copies are the test above).
     */
    static final int COPIES_ON_PATH = 4;

    private static void allReport(Launcher launcher, int copies) throws Exception {
        List<Process> started = new ArrayList<>();
        List<Job> of = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            for (Job j : JOBS) {
                started.add(launcher.start(j.script(), j.args().toArray(String[]::new)));
                of.add(j);
            }
        }
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            Launcher.Result r = Launcher.finish(started.get(i));
            Job j = of.get(i);
            if (r.exit() != j.exit() || !r.out().startsWith(j.stdoutStart())) {
                wrong.add(j.script() + " exit " + r.exit() + ": " + r.out().lines().findFirst().orElse("") + " / " + r.err().strip());
            }
        }
        assertEquals(List.of(), wrong, "every copy gives its script's own report");
        for (Job j : JOBS) assertTrue(java.nio.file.Files.isRegularFile(launcher.entry(j.script()).resolve(j.script() + ".jar")));
        // issue 19: the shared lib was compiled once for the four scripts: one jar, and not written
        // again after the first script's (rebuilding it for each script would leave it the newest)
        SharedLibTest.assertOneLibBuiltFirst(launcher, JOBS.stream().map(Job::script).toList());
    }
}
