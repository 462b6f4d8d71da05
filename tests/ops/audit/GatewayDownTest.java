package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class GatewayDownTest {
    @Test
    void reportsAGatewayWithPublishedPathsThatIsDown() {
        Finding f = findings(SnapshotFixture.threeEdges().down(2).audit(), Code.GATEWAY_DOWN).get(0);
        assertEquals("EDGE2_VPNV4", f.subject());
        assertTrue(f.message().contains("tcp/443"), f.message());
    }

    @Test
    void staysQuietWhenAllGatewaysAreUp() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.GATEWAY_DOWN));
    }
}
