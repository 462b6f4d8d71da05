package ops.lab;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One class's share of {@link LabRealIpFaultTest#STEPS} ({@link LabRealIpFaultTest#SLICES} says
 * which), faulted in a lab of its own: each fault waits out a revert window, so the steps are
 * shared out over several JVMs in tests/run.
 */
abstract class RealIpFaultSlice {
    @AfterAll
    static void down() {
        Lab.down();
    }

    @TestFactory
    Stream<DynamicTest> sessionsKilledBeforeOrAfterEachStepLeaveASafeStateSayWhichAndUndoWorks() {
        return LabRealIpFaultTest.faultsOf(getClass());
    }
}
