package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

class ReplyToDriftTest {
    @Test
    void reportsConfigReplyToMissingFromTheLoadedRules() {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).loadedRules(false).audit();
        assertTrue(has(r, Code.REPLY_TO_DRIFT));
        assertFalse(path(r, "EDGE2_VPNV4").replyTo()); // the loaded rules decide what happens
    }

    @Test
    void staysQuietWhenTheLoadedRulesMatchTheConfig() {
        assertFalse(has(SnapshotFixture.threeEdges().masquerade(2, false).loadedRules(true).audit(), Code.REPLY_TO_DRIFT));
    }

    @Test
    void staysQuietWhenTheLoadedRulesWereNotRead() {
        assertFalse(has(SnapshotFixture.threeEdges().masquerade(2, false).audit(), Code.REPLY_TO_DRIFT));
    }
}
