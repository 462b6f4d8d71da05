package ops.audit;

import static ops.support.Results.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Optional;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;
import ops.support.SnapshotFixture;
import org.junit.jupiter.api.Test;

/** Verdicts that mean what they say when real outputs differ from the happy path. */
class VerdictsOnRealShapesTest {

    private static AuditResult audit(Snapshot s) {
        return Analyzer.analyze(TopologyBuilder.build(s));
    }

    @Test
    void aPassRuleConfigHasButPfHasNotLoadedIsBlockedNotTriangular() {
        SnapshotFixture f = SnapshotFixture.threeEdges().masquerade(2, false).loadedRules(true);
        Snapshot s = f.snapshot();
        // EDGE2's rule (tracker 1700000102) is missing from the loaded ruleset: pf never evaluates it
        String loaded = s.pfRules().orElseThrow().lines().filter(l -> !l.endsWith("ridentifier 1700000102"))
                .reduce("", (a, b) -> a + b + "\n");
        AuditResult r = audit(new Snapshot(s.name(), s.configXml(), s.routes(), s.gatewayStatus(), Optional.of(loaded),
                s.routers(), s.edges()));
        PathRow p = path(r, "EDGE2_VPNV4");
        assertEquals(Verdict.BLOCKED, p.verdict(), p.notes().toString());
        assertFalse(has(r, Code.TRIANGULAR_ROUTING), r.findings().toString());
        assertFalse(has(r, Code.PATH_BLOCKED), "the fix is a filter reload, not a new pass rule");
        Finding drift = r.findings().stream().filter(x -> x.code() == Code.REPLY_TO_DRIFT).findFirst().orElseThrow();
        assertTrue(drift.message().contains("not loaded"), drift.message());
        assertTrue(drift.fix().contains("reload the filter"), drift.fix());
        assertEquals(Verdict.MASQUERADED, path(r, "EDGE3_VPNV4").verdict(), "the loaded rules of the others still pass");
    }

    @Test
    void aMissingTrackerIsNotTrustedWhenPfCarriesNoneOfConfigsTrackers() {
        SnapshotFixture f = SnapshotFixture.threeEdges().masquerade(1, false).loadedRules(true);
        Snapshot s = f.snapshot();
        String noIds = s.pfRules().orElseThrow().replaceAll(" ridentifier 17\\d+", "");
        AuditResult r = audit(new Snapshot(s.name(), s.configXml(), s.routes(), s.gatewayStatus(), Optional.of(noIds),
                s.routers(), s.edges()));
        assertNotEquals(Verdict.BLOCKED, path(r, "EDGE1_VPNV4").verdict());
    }

    @Test
    void aFailoverGroupWarnsOnlyForRealIpPathsWhoseRepliesFollowTheDefault() {
        // EDGE1 keeps client IPs and its own-tab rule gives reply-to: a failover cannot make it triangular
        AuditResult r = SnapshotFixture.threeEdges().masquerade(1, false).group("EDGE1_VPNV4|1", "EDGE2_VPNV4|2")
                .defaultGateway("FAILOVER").audit();
        Finding group = r.findings().stream().filter(x -> x.code() == Code.DEFAULT_GATEWAY_GROUP).findFirst().orElseThrow();
        assertEquals(Severity.INFO, group.severity(), group.message());
        assertFalse(group.message().contains("turn triangular"), group.message());
        assertTrue(group.message().contains("keep their replies by reply-to"), group.message());

        AuditResult openvpnTab = SnapshotFixture.threeEdges().masquerade(1, false).passRulesOn(SnapshotFixture.Tab.OPENVPN)
                .group("EDGE1_VPNV4|1", "EDGE2_VPNV4|2").defaultGateway("FAILOVER").audit();
        Finding warn = openvpnTab.findings().stream().filter(x -> x.code() == Code.DEFAULT_GATEWAY_GROUP).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, warn.severity());
        assertTrue(warn.message().contains("EDGE1_VPNV4 (no reply-to) turn triangular"), warn.message());
    }

    @Test
    void anEdgeNotReadThatPublishesNothingIsOnlyInfo() {
        AuditResult r = SnapshotFixture.threeEdges().edgeNotRead(3).noPortForward(3).audit();
        Finding f = r.findings().stream().filter(x -> x.code() == Code.EDGE_NOT_READ).findFirst().orElseThrow();
        assertEquals(Severity.INFO, f.severity(), f.message());
        AuditResult publishing = SnapshotFixture.threeEdges().edgeNotRead(3).audit();
        assertEquals(Severity.WARNING, publishing.findings().stream().filter(x -> x.code() == Code.EDGE_NOT_READ)
                .findFirst().orElseThrow().severity());
    }

    @Test
    void aDnatToAContainerBridgeOnAnEdgeWithoutAddressesIsAnAssumptionNotABlockedPath() {
        SnapshotFixture f = SnapshotFixture.threeEdges().edgeAddressesNotRead(2).iptables(2,
                "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                        + "-A PREROUTING -d 203.0.113.12/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.2.2:443\n"
                        + "-A PREROUTING -i eth0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80\n"
                        + "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n"
                        + "-A POSTROUTING -o tun0 -j MASQUERADE\nCOMMIT\n");
        AuditResult r = f.audit();
        PathRow https = path(r, "EDGE2_VPNV4", "tcp/443");
        assertEquals(Verdict.MASQUERADED, https.verdict(), "a DNAT to the firewall's own tunnel address is definite");
        PathRow docker = path(r, "EDGE2_VPNV4", "tcp/8080");
        assertEquals(Verdict.UNKNOWN, docker.verdict(), docker.notes().toString());
        assertTrue(docker.notes().get(0).contains("EDGE2_VPNV4.addr.json"), docker.notes().toString());
        assertTrue(docker.notes().stream().anyMatch(n -> n.startsWith("if so: BLOCKED")), docker.notes().toString());
        assertFalse(has(r, Code.PATH_BLOCKED), r.findings().toString());
        Finding a = r.findings().stream().filter(x -> x.code() == Code.PATH_ASSUMED).findFirst().orElseThrow();
        assertTrue(a.fix().contains("addr.json"), a.fix());
    }

    @Test
    void aDnatToAnotherTunnelsFirewallAddressIsThatGatewaysPathNotThisOnes() {
        // EDGE2's edge also forwards a port to EDGE1's tunnel address on the firewall (say, over a peering): not EDGE2's path
        SnapshotFixture f = SnapshotFixture.threeEdges().edgeAddressesNotRead(2).iptables(2,
                "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                        + "-A PREROUTING -d 203.0.113.12/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.2.2:443\n"
                        + "-A PREROUTING -d 203.0.113.12/32 -i eth0 -p tcp -m tcp --dport 444 -j DNAT --to-destination 10.8.1.2:443\n"
                        + "-A POSTROUTING -o tun0 -j MASQUERADE\nCOMMIT\n");
        AuditResult r = f.audit();
        assertTrue(r.paths().stream().noneMatch(p -> p.gateway().equals("EDGE2_VPNV4") && p.service().equals("tcp/444")), r.paths().toString());
    }

    @Test
    void gatewayStatusWithMonitorNoneIsNotAStatus() {
        Map<String, ops.pfsense.GatewayStatus> s = ops.pfsense.GatewayStatusReader.read("g",
                "Name         Monitor  Source       Delay   StdDev   Loss  Status  Substatus\n"
                        + "WAN_DHCP     none     203.0.113.2  0.0ms   0.0ms   0.0%  online  none\n");
        assertEquals("online", s.get("WAN_DHCP").status());
        assertEquals("none", s.get("WAN_DHCP").substatus());
        assertEquals("none", s.get("WAN_DHCP").monitor());
    }
}
