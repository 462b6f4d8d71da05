package ops.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * An edge whose tunnel is down still DNATs its published ports towards the firewall: those
 * paths are DOWN. Found by the lab: with EDGE1's tunnel down the edge's routing table no longer
 * routes 10.8.1.2 into tun0, and the audit dropped EDGE1's paths instead of reporting them down.
 */
class TunnelDownPathTest {
    private static final String CONFIG = """
            <?xml version="1.0"?>
            <pfsense><version>23.3</version>
              <interfaces>
                <lan><enable></enable><if>vtnet1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                <opt1><if>ovpnc1</if><descr>EDGE1</descr><enable></enable></opt1>
              </interfaces>
              <nat>
                <rule><source><any></any></source><destination><network>opt1ip</network><port>80</port></destination>
                  <protocol>tcp</protocol><target>192.168.1.10</target><local-port>80</local-port><interface>opt1</interface></rule>
              </nat>
              <filter>
                <rule><type>pass</type><interface>openvpn</interface><protocol>tcp</protocol><source><any></any></source>
                  <destination><address>192.168.1.10</address><port>80</port></destination></rule>
              </filter>
              <gateways><defaultgw4>EDGE1_VPNV4</defaultgw4></gateways>
            </pfsense>
            """;
    // the firewall: ovpnc1 keeps its address (lo0 host route) but has no connected route, no default
    private static final String ROUTES = """
            Routing tables

            Internet:
            Destination        Gateway            Flags     Netif Expire
            10.8.1.2           link#1             UHS            lo0
            127.0.0.1          link#1             UH             lo0
            192.168.1.0/24     link#3             U           vtnet1
            """;
    private static final String STATUS = """
            Name         Monitor   Source      Delay  StdDev    Loss  Status  Substatus
            EDGE1_VPNV4  10.8.1.1  10.8.1.2      0ms     0ms  100.0%    down   highloss
            """;
    private static final String EDGE = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A PREROUTING -d 203.0.113.11/32 -i eth0 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.8.1.2:80
            COMMIT
            """;
    // tun0 is down: it keeps 10.8.1.1/24, but its connected route is gone
    private static final String ADDR = """
            [{"ifname":"eth0","flags":["UP"],"addr_info":[{"family":"inet","local":"203.0.113.11","prefixlen":24}]},
             {"ifname":"tun0","flags":["BROADCAST"],"addr_info":[{"family":"inet","local":"10.8.1.1","prefixlen":24}]}]
            """;
    private static final String EDGE_ROUTES = """
            [{"dst":"default","gateway":"203.0.113.1","dev":"eth0","flags":[]},
             {"dst":"203.0.113.0/24","dev":"eth0","protocol":"kernel","scope":"link","prefsrc":"203.0.113.11","flags":[]}]
            """;

    @Test
    void theTunnelsPathsAreReportedDown() {
        Snapshot s = new Snapshot("test", CONFIG, ROUTES, Optional.of(STATUS), Optional.empty(),
                Optional.of("/tmp/ovpnc1_router:10.8.1.1\n"),
                Map.of("EDGE1_VPNV4", new Snapshot.Edge("EDGE1_VPNV4", Optional.of(EDGE), Optional.empty(),
                        Optional.of(ADDR), Optional.of(EDGE_ROUTES))));
        AuditResult r = Analyzer.analyze(TopologyBuilder.build(s));
        List<PathRow> paths = r.paths();
        assertEquals(1, paths.size(), paths.toString());
        assertEquals(Verdict.DOWN, paths.get(0).verdict());
        assertTrue(r.findings().stream().anyMatch(f -> f.code() == Code.GATEWAY_DOWN), r.findings().toString());
    }
}
