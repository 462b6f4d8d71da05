package runner;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tests/run's own parts that need no JVM of their own: argument parsing and the labs' separate identities. */
class RunnerTest {
    @Test
    void optionsTakeSeparateAndInlineValues() {
        Options o = Options.parse("Lab", "--only", "a|b", "--only=c", "--jobs", "3");
        assertEquals(List.of("Lab"), o.classFilters());
        assertEquals(List.of("a|b", "c"), o.only());
        assertEquals(3, o.jobs());
        assertTrue(o.onlyPattern().matcher("c").find());
        Options w = Options.parse("--worker", "--report=/tmp/r", "--class", "x.YTest");
        assertTrue(w.worker());
        assertEquals("/tmp/r", w.report());
        assertEquals(List.of("x.YTest"), w.classes());
    }

    @Test
    void badArgumentsAreOneLineEach() {
        assertEquals("--only needs a PATTERN (a Java regular expression)",
                assertThrows(Options.UsageException.class, () -> Options.parse("--only")).getMessage());
        assertTrue(assertThrows(Options.UsageException.class, () -> Options.parse("--only", "(")).getMessage()
                .startsWith("--only: not a Java regular expression"));
        assertEquals("--jobs (or OPS_TEST_JOBS) must be a number from 1 to 16, not '0'",
                assertThrows(Options.UsageException.class, () -> Options.parse("--jobs", "0")).getMessage());
        assertEquals("unknown option --fast", assertThrows(Options.UsageException.class, () -> Options.parse("--fast")).getMessage());
    }

    @Test
    void everySlotHasItsOwnLabAndSlotZeroIsTheOneTheEnvironmentNames() {
        assertEquals(new LabSlot(0, "opslab", "/var/lib/opslab", "10.253.77"), LabSlot.of(0, Map.of()));
        assertEquals(new LabSlot(2, "opslab2", "/var/lib/opslab2", "10.253.109"), LabSlot.of(2, Map.of()));
        Map<String, String> env = Map.of("LAB_PREFIX", "abcdefgh", "LAB_STATE", "/srv/lab", "LAB_MGMT_NET", "10.9.250");
        assertEquals(new LabSlot(0, "abcdefgh", "/srv/lab", "10.9.250"), LabSlot.of(0, env));
        LabSlot one = LabSlot.of(1, env);
        assertEquals("abcdefg1", one.prefix(), "the lab allows 8 characters");
        assertEquals("/srv/lab-1", one.state());
        assertEquals("10.9.26", one.mgmtNet(), "wrapped below 255");
        assertEquals(Map.of("LAB_PREFIX", "abcdefg1", "LAB_STATE", "/srv/lab-1", "LAB_MGMT_NET", "10.9.26"), one.env());
    }

    @Test
    void unitClassesAreCutIntoJvmsOfAboutEqualLengthNoMoreThanTheSlots() {
        List<Job> classes = List.of(unit("A", 70), unit("B", 60), unit("C", 50), unit("D", 40), unit("E", 30), unit("F", 10));
        List<Job> four = Job.unitJobs(classes, 4); // 260 s: 4 JVMs of about 75 s
        assertEquals(4, four.size());
        assertEquals(List.of("x.A"), four.get(0).classes());
        assertEquals(List.of("x.D", "x.E"), four.get(3).classes(), "the longest left goes to the shortest JVM");
        assertEquals(List.of("x.C", "x.F"), four.get(2).classes());
        assertEquals(260, four.stream().mapToDouble(Job::expectedSeconds).sum(), 1e-9);
        assertEquals(classes.size(), four.stream().mapToInt(j -> j.classes().size()).sum(), "every class runs once");
        assertEquals(2, Job.unitJobs(classes, 2).size(), "never more JVMs than run at once");
        List<Job> one = Job.unitJobs(List.of(unit("A", 5), unit("B", 5)), 6);
        assertEquals(1, one.size(), "a short share stays one JVM");
        assertEquals("unit tests (2 classes)", one.get(0).name());
        assertEquals(List.of(), Job.unitJobs(List.of(), 4));
    }

    @Test
    void durationsAreReadBackAndAnUnknownClassIsGuessedFromItsTests(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("durations.txt");
        Durations.write(file, Map.of("LabXTest", 120.25, "YTest", 3.0));
        java.nio.file.Files.writeString(file, "not a line\nZTest many\n", java.nio.file.StandardOpenOption.APPEND);
        Durations d = Durations.read(file);
        assertEquals(Map.of("LabXTest", 120.3, "YTest", 3.0), d.seconds(), "comments and bad lines are skipped");
        assertEquals(120.3, d.of("ops.lab.LabXTest", 4, Durations.LAB_GUESS), 1e-9);
        assertEquals(4 * Durations.LAB_GUESS, d.of("ops.lab.NewTest", 4, Durations.LAB_GUESS), 1e-9);
        assertEquals(Map.of(), Durations.read(dir.resolve("missing")).seconds(), "no file: the run goes on unordered");
    }

    @Test
    void aWorkersReportCarriesItsClassDurations(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("report");
        Worker.Report r = new Worker.Report(3, 1, 0, 7, new java.util.TreeMap<>(Map.of("ATest", 1.5, "BTest", 0.25)), List.of("ATest > x\n  boom"));
        r.write(file);
        assertEquals(r, Worker.Report.read(file));
    }

    private static Job unit(String name, double seconds) {
        return new Job(name, List.of("x." + name), 1, seconds);
    }
}
