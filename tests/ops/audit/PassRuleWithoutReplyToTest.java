package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import ops.support.SnapshotFixture;
import ops.support.SnapshotFixture.Tab;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PassRuleWithoutReplyToTest {
    @ParameterizedTest
    @EnumSource(value = Tab.class, names = {"OPENVPN", "FLOATING_ANY", "RDR_PASS", "WITH_GATEWAY"})
    void reportsRulesPfSenseGivesNoReplyTo(Tab tab) {
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(tab).audit();
        assertTrue(has(r, Code.PASS_RULE_WITHOUT_REPLY_TO), tab + ": " + r.findings());
        assertFalse(path(r, "EDGE2_VPNV4").replyTo());
    }

    @Test
    void theOpenVpnTabWinsOverTheInterfaceTab() {
        // both tabs have a matching pass rule: OpenVPN's is evaluated first and its state has no reply-to
        AuditResult r = SnapshotFixture.threeEdges().masquerade(2, false).passRulesOn(Tab.OPENVPN_AND_INTERFACE).audit();
        assertTrue(path(r, "EDGE2_VPNV4").passRule().startsWith("OpenVPN rule"), path(r, "EDGE2_VPNV4").passRule());
        assertEquals(Verdict.TRIANGULAR, verdict(r, "EDGE2_VPNV4"));
    }

    @Test
    void staysQuietForInterfaceTabRules() {
        assertFalse(has(SnapshotFixture.threeEdges().masquerade(2, false).audit(), Code.PASS_RULE_WITHOUT_REPLY_TO));
    }
}
