package ops.lab;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** {@link LabRealIpFaultTest}'s faults in the second half of the plan: EDGE2's steps and the confirmations. */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpLateFaultTest {
    @AfterAll
    static void down() {
        Lab.down();
    }

    @TestFactory
    Stream<DynamicTest> sessionsKilledBeforeOrAfterEachStepLeaveASafeStateSayWhichAndUndoWorks() {
        var steps = LabRealIpFaultTest.STEPS;
        return LabRealIpFaultTest.faults(steps.subList(steps.size() / 2, steps.size()));
    }
}
