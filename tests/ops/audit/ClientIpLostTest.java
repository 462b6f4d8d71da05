package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class ClientIpLostTest {
    @Test
    void reportsMasqueradedServicesAsInfo() {
        AuditResult r = SnapshotFixture.threeEdges().audit();
        assertEquals(3, findings(r, Code.CLIENT_IP_LOST).size());
        assertEquals(Severity.INFO, findings(r, Code.CLIENT_IP_LOST).get(0).severity());
        assertEquals(0, r.status().code);
    }

    @Test
    void staysQuietForRealIpPaths() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).masquerade(2, false).masquerade(3, false).audit();
        assertFalse(has(r, Code.CLIENT_IP_LOST));
    }
}
