package ops.lab;

import org.junit.jupiter.api.Tag;

/** {@link LabRealIpFaultTest}'s faults at EDGE2's steps: arming its revert, its masquerade off, its confirmation. */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpEdge2FaultTest extends RealIpFaultSlice {}
