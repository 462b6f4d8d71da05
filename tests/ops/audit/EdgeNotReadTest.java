package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class EdgeNotReadTest {
    @Test
    void reportsEachVpnGatewayWhoseEdgeWasNotRead() {
        AuditResult r = SnapshotFixture.threeEdges().edgeNotRead(2).edgeNotRead(3).audit();
        assertEquals(2, findings(r, Code.EDGE_NOT_READ).size());
        assertEquals(1, r.status().code);
    }

    @Test
    void staysQuietWhenEveryEdgeWasRead() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.EDGE_NOT_READ));
    }
}
