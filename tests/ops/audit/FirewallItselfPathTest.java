package ops.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Optional;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * An edge that DNATs a port to the firewall's own tunnel address (no port forward on pfSense):
 * the firewall itself answers when a rule passes it (say its sshd for the admin), else it ends there.
 * Found by the lab: EDGE1 tcp/2222 -> 10.8.1.2:22 was predicted BLOCKED while real SSH worked.
 */
class FirewallItselfPathTest {
    private static final String EDGE = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A PREROUTING -d 203.0.113.11/32 -i eth0 -p tcp -m tcp --dport 2222 -j DNAT --to-destination 10.8.1.2:22
            COMMIT
            """;
    private static final String ADDR = """
            [{"ifname":"eth0","flags":["UP"],"addr_info":[{"family":"inet","local":"203.0.113.11","prefixlen":24}]},
             {"ifname":"tun0","flags":["UP"],"addr_info":[{"family":"inet","local":"10.8.1.1","prefixlen":24}]}]
            """;
    private static final String ROUTES = """
            Routing tables

            Internet:
            Destination        Gateway            Flags     Netif Expire
            default            10.8.1.1           UGS         ovpnc1
            10.8.1.0/24        link#2             U           ovpnc1
            10.8.1.2           link#1             UHS            lo0
            127.0.0.1          link#1             UH             lo0
            192.168.1.0/24     link#3             U           vtnet1
            192.168.1.1        link#1             UHS            lo0
            """;

    private static String config(String rules) {
        return """
                <?xml version="1.0"?>
                <pfsense>
                  <version>23.3</version>
                  <interfaces>
                    <lan><enable></enable><if>vtnet1</if><descr>LAN</descr><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                    <opt1><if>ovpnc1</if><descr>EDGE1</descr><enable></enable></opt1>
                  </interfaces>
                  <openvpn><openvpn-client><vpnid>1</vpnid><dev_mode>tun</dev_mode><create_gw>v4only</create_gw></openvpn-client></openvpn>
                  <nat><outbound><mode>automatic</mode></outbound></nat>
                  <filter>%s</filter>
                  <gateways><defaultgw4>EDGE1_VPNV4</defaultgw4></gateways>
                </pfsense>
                """.formatted(rules);
    }

    private static PathRow admin(String rules) {
        Snapshot s = new Snapshot("test", config(rules), ROUTES, Optional.empty(), Optional.empty(),
                Optional.of("/tmp/ovpnc1_router:10.8.1.1\n"),
                Map.of("EDGE1_VPNV4", new Snapshot.Edge("EDGE1_VPNV4", Optional.of(EDGE), Optional.empty(),
                        Optional.of(ADDR), Optional.empty())));
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(s));
        return r.paths().stream().filter(p -> p.service().equals("tcp/2222")).findFirst().orElseThrow();
    }

    @Test
    void aRuleToThisFirewallLetsTheFirewallItselfAnswer() {
        PathRow p = admin("""
                <rule><type>pass</type><interface>openvpn</interface><ipprotocol>inet</ipprotocol><protocol>tcp</protocol>
                  <source><any></any></source><destination><network>(self)</network><port>22</port></destination>
                  <tracker>1700000003</tracker><descr>SSH to this firewall</descr></rule>
                """);
        assertEquals(Verdict.PRESERVED, p.verdict(), p.notes().toString());
        assertEquals("10.8.1.2:22", p.server());
        assertEquals("client", p.serverSees());
    }

    @Test
    void withoutAPassRuleItEndsAtTheFirewall() {
        PathRow p = admin("");
        assertEquals(Verdict.BLOCKED, p.verdict());
        assertTrue(p.notes().get(p.notes().size() - 1).contains("no rule passes it"), p.notes().toString());
    }
}
