package ops.lab;

import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/** {@link LabRealIpFaultTest}'s faults at the default route's move and its reading back. */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpDefaultFaultTest {
    @AfterAll
    static void down() {
        Lab.down();
    }

    @TestFactory
    Stream<DynamicTest> sessionsKilledBeforeOrAfterEachStepLeaveASafeStateSayWhichAndUndoWorks() {
        return LabRealIpFaultTest.faultsOf(LabRealIpDefaultFaultTest.class);
    }
}
