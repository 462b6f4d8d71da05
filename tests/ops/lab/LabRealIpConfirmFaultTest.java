package ops.lab;

import org.junit.jupiter.api.Tag;

/** {@link LabRealIpFaultTest}'s faults at the confirmations of EDGE1 and of the firewall. */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRealIpConfirmFaultTest extends RealIpFaultSlice {}
