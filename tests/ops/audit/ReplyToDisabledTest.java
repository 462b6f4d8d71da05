package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.api.Test;

class ReplyToDisabledTest {
    @Test
    void reportsTheGlobalSwitchWhenItBreaksARealIpPath() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).replyToDisabledGlobally().audit();
        Finding f = findings(r, Code.REPLY_TO_DISABLED_GLOBALLY).get(0);
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(Verdict.TRIANGULAR, verdict(r, "EDGE2_VPNV4"));
    }

    @Test
    void reportsTheRuleSwitch() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).replyToDisabledOnRule().audit();
        Finding f = findings(r, Code.REPLY_TO_DISABLED_ON_RULE).get(0);
        assertTrue(f.subject().contains("https on opt2"), f.subject());
    }

    @Test
    void isOnlyInfoWhenTheRoutingTablePointsBackAnyway() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).replyToDisabledGlobally().audit();
        assertEquals(Severity.INFO, findings(r, Code.REPLY_TO_DISABLED_GLOBALLY).get(0).severity());
        assertEquals(Verdict.PRESERVED, verdict(r, "EDGE1_VPNV4"));
    }

    @Test
    void staysQuietWhenOnlyMasqueradedPathsAreAffected() {
        AuditResult r = SnapshotFixture.threeEdges().replyToDisabledGlobally().passRulesOn(Tab.INTERFACE).audit();
        assertFalse(has(r, Code.REPLY_TO_DISABLED_GLOBALLY));
    }
}
