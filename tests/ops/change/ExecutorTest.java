package ops.change;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import ops.base.OpsException;
import ops.remote.Remote;
import org.junit.jupiter.api.Test;

/** The one executor, on a scripted host: what runs, in which order, and what stays after a failure. */
class ExecutorTest {
    static final class TestRecord extends ChangeRecord {}

    /** A host that records every command and answers as told (exit 0 and no output unless the answer says otherwise). */
    static final class ScriptedHost implements Remote {
        final List<String> ran = new ArrayList<>();
        Function<String, Result> answer = c -> new Result(0, "", "");
        String name = "fw";

        public String name() { return name; }

        public Result run(String command, String stdin, Duration timeout) {
            ran.add(command);
            return answer.apply(command);
        }
    }

    /** A step that runs {@code command} as the login, read back with `check` (it holds when the read prints "yes"). */
    static Step step(Host host, String command, boolean verified, List<Step> undo, String putBack, boolean arms) {
        return new Step() {
            public Host host() { return host; }

            public String why() { return command; }

            public Command command() { return Command.asLogin(command); }

            public Optional<Check> verify() {
                return verified ? Optional.of(Check.once(host, "it shows", Command.asLogin("check " + command), (r, res) -> res.out().equals("yes")))
                        : Optional.empty();
            }

            public List<Step> undo() { return undo; }

            public boolean armsRevert() { return arms; }

            public Next settled(Ran ran) {
                if (ran.ok()) return verified ? Next.verify() : Next.done();
                return new Next.Revert(new OpsException(command + " failed: nothing was changed", null, 2), false, Status.FAILED);
            }

            public Next verified(Ran ran, Verdict v) {
                return v.holds() ? Next.done() : new Next.Stop(Outcome.LEFT_TO_REVERT, command + " not seen");
            }

            public String putBack(Optional<OpsException> failed) { return failed.isEmpty() ? putBack + " put back" : ""; }
        };
    }

    private final StringWriter text = new StringWriter();
    private final ScriptedHost fw = new ScriptedHost();
    private final Host host = Host.of(fw);
    private Path stateDir;

    private Plan plan(List<Step> steps) throws Exception {
        stateDir = Files.createTempDirectory("ops-executor");
        TestRecord rec = new TestRecord();
        rec.id = "1";
        return new Plan("test", steps, Optional.of("Go?"), Journal.fresh(new StateDir(stateDir), "test-1.json", rec),
                Locking.take("executor-test", "test 1"), Status.APPLIED);
    }

    private Executor executor(boolean yes) {
        return new Executor(new PrintWriter(text, true), q -> yes);
    }

    private String record() throws Exception {
        return Files.readString(stateDir.resolve("changes/test-1.json"));
    }

    @Test
    void runsEveryStepUnderTheLockVerifiesAndRecords() throws Exception {
        fw.answer = c -> new Remote.Result(0, c.startsWith("check ") ? "yes" : "", "");
        Plan p = plan(List.of(step(host, "one", true, List.of(), "", false), step(host, "two", false, List.of(), "", false)));
        assertEquals(Outcome.APPLIED, executor(true).run(p, false));
        assertEquals(5, fw.ran.size(), fw.ran.toString());
        assertTrue(fw.ran.get(0).contains("mkdir " + RemoteLock.path("executor-test")), fw.ran.toString());
        assertEquals(List.of("one", "check one", "two"), fw.ran.subList(1, 4));
        assertEquals("rm -rf " + RemoteLock.path("executor-test"), fw.ran.get(4));
        assertTrue(record().contains("\"status\" : \"applied\""), record());
    }

    @Test
    void aDryRunAndARefusalRunNothingAndRecordNothing() throws Exception {
        Plan p = plan(List.of(step(host, "one", false, List.of(), "", false)));
        assertEquals(Outcome.SHOWN, executor(true).run(p, true));
        assertEquals(Outcome.NOT_CONFIRMED, executor(false).run(p, false));
        assertEquals(2, Outcome.NOT_CONFIRMED.exitCode());
        assertTrue(fw.ran.isEmpty(), fw.ran.toString());
        assertFalse(Files.exists(stateDir.resolve("changes")));
        assertTrue(text.toString().contains("--dry-run: nothing was changed.") && text.toString().contains("Not applied."), text.toString());
    }

    @Test
    void aFailedStepTakesBackTheStepsDoneNewestFirstAndFreesTheLock() throws Exception {
        fw.answer = c -> new Remote.Result(c.equals("three") ? 1 : 0, "", "");
        Step undoOne = step(host, "undo one", false, List.of(), "", false), undoTwo = step(host, "undo two", false, List.of(), "", false);
        Plan p = plan(List.of(step(host, "one", false, List.of(undoOne), "one", false), step(host, "two", false, List.of(undoTwo), "two", false),
                step(host, "three", false, List.of(), "", false)));
        OpsException e = assertThrows(OpsException.class, () -> executor(true).run(p, false));
        assertEquals("three failed: nothing was changed; two put back; one put back", e.getMessage());
        assertEquals(2, e.exitCode());
        assertEquals(List.of("one", "two", "three", "undo two", "undo one"), fw.ran.subList(1, 6));
        assertEquals("rm -rf " + RemoteLock.path("executor-test"), fw.ran.get(fw.ran.size() - 1));
        assertTrue(record().contains("\"status\" : \"failed\""), record());
    }

    /** A step on the vantage that only measures: its own perform (not its command), no lock there, and its failure reverts all. */
    private static Step measuring(Host vantage, Remote.Result measured) {
        return new Step() {
            public Host host() { return vantage; }

            public String why() { return "probe"; }

            public Command command() { return Command.asLogin("curl 'http://203.0.113.12/'"); }

            public boolean changesHost() { return false; }

            public Remote.Result perform(Remote on) {
                on.run("probe ran", "", Duration.ofSeconds(5));
                return measured;
            }

            public Next settled(Ran ran) {
                return ran.ok() ? Next.done("measured: " + ran.result().orElseThrow().out())
                        : new Next.Revert(new OpsException("measured: " + ran.result().orElseThrow().err(), null, 2), false, Status.FAILED);
            }
        };
    }

    @Test
    void aStepThatOnlyMeasuresRunsItsOwnWayTakesNoLockAndItsFailurePutsBackWhatWasDone() throws Exception {
        ScriptedHost vps = new ScriptedHost();
        vps.name = "vps1";
        Host vantage = Host.of(vps);
        Step undoOne = step(host, "undo one", false, List.of(), "", false);
        Plan ok = plan(List.of(step(host, "one", false, List.of(undoOne), "one", false), measuring(vantage, new Remote.Result(0, "PRESERVED", "")),
                step(host, "confirm", false, List.of(), "", false)));
        assertEquals(Outcome.APPLIED, executor(true).run(ok, false));
        assertEquals(List.of("probe ran"), vps.ran, "no lock on the vantage, and not its command: its own measurement");
        assertTrue(text.toString().contains("measured: PRESERVED"), text.toString());
        assertEquals(List.of("one", "confirm"), fw.ran.subList(1, 3));

        fw.ran.clear();
        vps.ran.clear();
        Plan bad = plan(List.of(step(host, "one", false, List.of(undoOne), "one", false), measuring(vantage, new Remote.Result(2, "", "MASQUERADED")),
                step(host, "confirm", false, List.of(), "", false)));
        OpsException e = assertThrows(OpsException.class, () -> executor(true).run(bad, false));
        assertEquals("measured: MASQUERADED; one put back", e.getMessage());
        assertEquals(List.of("probe ran"), vps.ran);
        assertEquals(List.of("one", "undo one", "rm -rf " + RemoteLock.path("executor-test")), fw.ran.subList(1, fw.ran.size()),
                "put back under the lock, not confirmed: " + fw.ran);
    }

    @Test
    void aLockHeldByAnotherRunStopsTheStepBeforeItRuns() throws Exception {
        fw.answer = c -> c.contains("mkdir") ? new Remote.Result(75, "someone 2\n", "") : new Remote.Result(0, "", "");
        Plan p = plan(List.of(step(host, "one", false, List.of(), "", false)));
        OpsException e = assertThrows(OpsException.class, () -> executor(true).run(p, false));
        assertTrue(e.getMessage().startsWith("one failed"), e.getMessage());
        assertFalse(fw.ran.contains("one"), fw.ran.toString());
        assertFalse(fw.ran.stream().anyMatch(c -> c.startsWith("rm -rf")), "another run's lock is not ours to free: " + fw.ran);
    }

    @Test
    void aLockAnArmedRevertOwnsStaysWhenTheChangeIsLeftToIt() throws Exception {
        fw.answer = c -> new Remote.Result(0, "", ""); // the read-back never says "yes"
        Plan p = plan(List.of(step(host, "arm", false, List.of(), "", true), step(host, "set", true, List.of(), "", false)));
        assertEquals(Outcome.LEFT_TO_REVERT, executor(true).run(p, false));
        assertTrue(text.toString().contains("set not seen"), text.toString());
        assertFalse(fw.ran.stream().anyMatch(c -> c.startsWith("rm -rf")), "the armed revert frees the lock: " + fw.ran);
    }

    @Test
    void aDisarmedRevertGivesTheLockBack() throws Exception {
        fw.answer = c -> new Remote.Result(c.equals("set") ? 1 : 0, "", "");
        Plan p = plan(List.of(step(host, "arm", false, List.of(step(host, "disarm", false, List.of(), "", false)), "arm", true),
                step(host, "set", false, List.of(), "", false)));
        assertThrows(OpsException.class, () -> executor(true).run(p, false));
        assertEquals(List.of("arm", "set", "disarm", "rm -rf " + RemoteLock.path("executor-test")), fw.ran.subList(1, 5));
    }

    @Test
    void thePlanShowsTheCommandThatRunsAsRootRunsItAndTheExecutorAddsSudo() throws Exception {
        Step root = new Step() {
            public Host host() { return host; }

            public String why() { return "as root"; }

            public Command command() { return Command.asRoot("php -q").input("<?php echo 1;"); }
        };
        String shown = plan(List.of(root)).render(true);
        assertTrue(shown.contains("1. on fw, as root: as root\n    # php -q\n    | <?php echo 1;\n"), shown);
        assertEquals("1. on fw, as root: as root\n", plan(List.of(root)).render(false).lines().skip(1).findFirst().orElseThrow() + "\n");
        executor(true).run(plan(List.of(root)), false);
        assertTrue(fw.ran.contains("if [ \"$(id -u)\" = 0 ]; then php -q; else sudo -n php -q; fi"), fw.ran.toString());
    }
}
