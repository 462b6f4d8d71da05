package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class DefaultGatewayDownTest {
    @Test
    void reportsTheDefaultGatewayDownAsCritical() {
        AuditResult r = SnapshotFixture.threeEdges().down(1).audit();
        assertEquals(Severity.CRITICAL, findings(r, Code.DEFAULT_GATEWAY_DOWN).get(0).severity());
    }

    @Test
    void reportsAGroupWithEveryMemberDown() {
        AuditResult r = SnapshotFixture.threeEdges().down(1).down(2).group("EDGE2_VPNV4|1", "EDGE1_VPNV4|2")
                .defaultGateway("FAILOVER").audit();
        assertTrue(has(r, Code.DEFAULT_GATEWAY_DOWN));
    }

    @Test
    void staysQuietWhenOnlyAnotherGatewayIsDown() {
        AuditResult r = SnapshotFixture.threeEdges().down(3).audit();
        assertFalse(has(r, Code.DEFAULT_GATEWAY_DOWN));
        assertTrue(has(r, Code.GATEWAY_DOWN));
    }

    @Test
    void staysQuietWithoutGatewayStatus() {
        assertFalse(has(SnapshotFixture.threeEdges().withoutGatewayStatus().audit(), Code.DEFAULT_GATEWAY_DOWN));
    }
}
