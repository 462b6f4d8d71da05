package ops.pfsense;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import ops.base.OpsException;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

class StatusRulesRoutersReaderTest {
    @Test
    void readsPaddedGatewayStatusIncludingEmptyCells() {
        String text = """
                Name         Monitor        Source            Delay   StdDev    Loss  Status  Substatus
                EDGE1_VPNV4  10.8.1.1       10.8.1.2       11.842ms  1.203ms    0.0%  online       none
                EDGE2_VPNV4  10.8.2.1       10.8.2.2                                  online       none
                WAN_DHCP                                      0.0ms           100.0%    down       down
                """;
        Map<String, GatewayStatus> s = GatewayStatusReader.read("gs", text);
        assertEquals("11.842ms", s.get("EDGE1_VPNV4").delay());
        assertEquals("online", s.get("EDGE2_VPNV4").status());
        assertEquals("", s.get("EDGE2_VPNV4").loss());
        assertEquals("down", s.get("WAN_DHCP").status());
        assertEquals("100.0%", s.get("WAN_DHCP").loss());
    }

    @Test
    void readsTheOlderFormatWithoutSubstatus() {
        Map<String, GatewayStatus> s = GatewayStatusReader.read("gs", "Name Monitor Source Delay StdDev Loss Status\nWAN 1.1.1.1 2.2.2.2 1ms 0ms 0.0% none\n");
        assertEquals("none", s.get("WAN").status());
    }

    @Test
    void refusesGarbageInGatewayStatus() {
        assertThrows(OpsException.class, () -> GatewayStatusReader.read("gs", "hello world\n"));
        assertThrows(OpsException.class, () -> GatewayStatusReader.read("gs", "Name Status\nWAN 1.1.1.1 wobbly\n"));
    }

    @Test
    void readsReplyToRouteToAndTrackersFromTheRealPfctlSample() {
        List<PfRule> rules = PfRulesReader.read("sr", Repo.read("tests/fixtures/samples/pfsense-2.6-pfctl-sr.txt"));
        PfRule ssh = rules.stream().filter(r -> r.ridentifier().equals("1681417472")).findFirst().orElseThrow();
        assertEquals("em0", ssh.replyTo().orElseThrow().iface());
        assertEquals("10.0.2.1", ssh.replyTo().orElseThrow().gateway());
        assertEquals("in", ssh.direction());
        assertTrue(ssh.quick());
        assertEquals("em0", ssh.iface());
        PfRule self = rules.stream().filter(r -> r.ridentifier().equals("1000003811")).findFirst().orElseThrow();
        assertEquals("10.0.2.1", self.routeTo().orElseThrow().gateway());
        assertTrue(rules.stream().noneMatch(r -> r.text().startsWith("scrub") || r.text().startsWith("anchor")));
        PfRule spoof = rules.stream().filter(r -> r.text().startsWith("block drop in log on ! em0")).findFirst().orElseThrow();
        assertEquals("! em0", spoof.iface());
    }

    @Test
    void refusesNonPfctlText() {
        OpsException e = assertThrows(OpsException.class, () -> PfRulesReader.read("sr", "Permission denied\n"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void readsRouterFiles() {
        Map<String, String> r = RoutersReader.read("routers", "/tmp/ovpnc1_router:10.8.1.1\n/tmp/vtnet0_router:192.168.178.1\n");
        assertEquals("10.8.1.1", r.get("ovpnc1"));
        assertEquals("192.168.178.1", r.get("vtnet0"));
        assertThrows(OpsException.class, () -> RoutersReader.read("routers", "/tmp/ovpnc1_routerv6:fe80::1\n"));
    }
}
