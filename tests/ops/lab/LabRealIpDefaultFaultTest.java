package ops.lab;

import org.junit.jupiter.api.Tag;

/** {@link LabRealIpFaultTest}'s faults at the default route's move and its reading back. */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpDefaultFaultTest extends RealIpFaultSlice {}
