package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class GatewayAddressUnknownTest {
    @Test
    void reportsDynamicGatewaysWithoutRouterFiles() {
        AuditResult r = SnapshotFixture.threeEdges().withoutRouters().audit();
        assertEquals(3, findings(r, Code.GATEWAY_ADDRESS_UNKNOWN).size());
    }

    @Test
    void staysQuietWhenRouterFilesWereRead() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.GATEWAY_ADDRESS_UNKNOWN));
    }
}
