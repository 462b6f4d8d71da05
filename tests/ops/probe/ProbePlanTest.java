package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.net.IpAddress;
import org.junit.jupiter.api.Test;

class ProbePlanTest {
    static ProbeTarget target(String gateway, String address, int port) {
        return new ProbeTarget(gateway, "ovpnc1", "tcp/" + port, port, Optional.ofNullable(address).map(IpAddress::parse),
                address == null ? "cannot tell" : "the DNAT rule's destination", IpAddress.parse("10.8.1.2"), port,
                Set.of(IpAddress.parse("10.8.1.1")), null);
    }

    @Test
    void eachProbeGetsItsOwnPortsAboveTheEphemeralRangeAndOnlyProbeablePathsGetAny() {
        List<ProbeTarget> targets = List.of(target("A", "203.0.113.11", 80), target("B", null, 443), target("C", "203.0.113.13", 443));
        List<ProbePlan> plans = ProbePlan.allocate(targets, Set.of(80, 8080), n -> 7);
        assertEquals(2, plans.size());
        assertEquals(new PortRange(61007, 61010), plans.get(0).ports());
        assertEquals(new PortRange(61011, 61014), plans.get(1).ports());
        assertTrue(plans.get(0).http());
        assertFalse(plans.get(1).http());
        assertEquals(new PortRange(61007, 61014), ProbePlan.span(plans));
    }

    @Test
    void theHighestStartStillFitsBelow65536() {
        List<ProbeTarget> targets = List.of(target("A", "203.0.113.11", 80), target("C", "203.0.113.13", 443));
        List<ProbePlan> plans = ProbePlan.allocate(targets, Set.of(), n -> n - 1);
        assertEquals(65535, ProbePlan.span(plans).last());
    }
}
