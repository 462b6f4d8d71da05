package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

class PathBlockedTest {
    @Test
    void reportsADnatWithoutAPortForward() {
        AuditResult r = SnapshotFixture.threeEdges().noPortForward(2).audit();
        assertEquals(Verdict.BLOCKED, verdict(r, "EDGE2_VPNV4"));
        assertTrue(findings(r, Code.PATH_BLOCKED).get(0).message().contains("no port forward"));
    }

    @Test
    void reportsAPortForwardWithoutAPassRule() {
        AuditResult r = SnapshotFixture.threeEdges().passRulesOn(Tab.NONE).audit();
        assertEquals(Verdict.BLOCKED, verdict(r, "EDGE1_VPNV4"));
        assertTrue(findings(r, Code.PATH_BLOCKED).get(0).fix().contains("add a pass rule"), findings(r, Code.PATH_BLOCKED).get(0).fix());
    }

    @Test
    void staysQuietWhenEveryPathPasses() {
        assertFalse(has(SnapshotFixture.threeEdges().audit(), Code.PATH_BLOCKED));
    }
}
