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
}
