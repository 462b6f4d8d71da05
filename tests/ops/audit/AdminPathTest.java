package ops.audit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.session.SessionView;
import ops.session.SshConnectionReader;
import ops.snapshot.Snapshot;
import org.junit.jupiter.api.Test;

/**
 * Where the admin's own session reaches the firewall, and which predicted changes would cut it,
 * on small hand-built firewalls: EDGE1 in each tunnel shape publishes tcp/443 (to the LAN server)
 * and tcp/2222 (to the firewall's own sshd), EDGE2 masquerades, a LAN and a management interface
 * have no gateway. Rules on the OpenVPN and WireGuard tabs: no reply-to, as in the field.
 */
class AdminPathTest {
    enum Shape { SUBNET, NET30, WIREGUARD }

    /** One firewall: EDGE1's tunnel shape, where the default route is (1 or 2), and what EDGE1 does. */
    record Fw(Shape shape, int defaultVia, boolean masquerade1, boolean secondSshPort, boolean edge1Read) {
        static Fw of(Shape shape) { return new Fw(shape, 1, false, false, true); }
        Fw defaultVia(int n) { return new Fw(shape, n, masquerade1, secondSshPort, edge1Read); }
        Fw masquerading(boolean on) { return new Fw(shape, defaultVia, on, secondSshPort, edge1Read); }
        Fw withSecondSshPort() { return new Fw(shape, defaultVia, masquerade1, true, edge1Read); }
        Fw edge1NotRead() { return new Fw(shape, defaultVia, masquerade1, secondSshPort, false); }

        String own() { return switch (shape) { case SUBNET -> "10.8.1.2"; case NET30 -> "10.8.1.6"; case WIREGUARD -> "10.9.1.2"; }; }
        String gw1() { return switch (shape) { case SUBNET -> "10.8.1.1"; case NET30 -> "10.8.1.5"; case WIREGUARD -> "10.9.1.1"; }; }
        String dev1() { return shape == Shape.WIREGUARD ? "tun_wg0" : "ovpnc1"; }
        String name1() { return shape == Shape.WIREGUARD ? "EDGE1_WG" : "EDGE1_VPNV4"; }

        Topology topology() {
            Map<String, Snapshot.Edge> edges = new LinkedHashMap<>();
            if (edge1Read) edges.put(name1(), new Snapshot.Edge(name1(), Optional.of(edge1Nat()), Optional.empty(), Optional.of(edge1Addr()), Optional.empty()));
            edges.put("EDGE2_VPNV4", new Snapshot.Edge("EDGE2_VPNV4", Optional.of("""
                    *nat
                    :PREROUTING ACCEPT [0:0]
                    :POSTROUTING ACCEPT [0:0]
                    -A PREROUTING -d 203.0.113.12/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.2.2:443
                    -A POSTROUTING -o tun0 -j MASQUERADE
                    COMMIT
                    """), Optional.empty(), Optional.of(addr("203.0.113.12", "tun0", "10.8.2.1", 24, null)), Optional.empty()));
            String routers = (shape == Shape.WIREGUARD ? "" : "/tmp/ovpnc1_router:" + gw1() + "\n") + "/tmp/ovpnc2_router:10.8.2.1\n";
            return TopologyBuilder.build(new Snapshot("fw", config(), routes(), Optional.of(ifconfig()), Optional.empty(), Optional.empty(),
                    Optional.of(routers), edges));
        }

        AuditResult audit() { return Analyzer.analyze(topology()); }

        private String edge1Nat() {
            String tun = shape == Shape.WIREGUARD ? "wg0" : "tun0";
            return "*nat\n:PREROUTING ACCEPT [0:0]\n:POSTROUTING ACCEPT [0:0]\n"
                    + "-A PREROUTING -d 203.0.113.11/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination " + own() + ":443\n"
                    + "-A PREROUTING -d 203.0.113.11/32 -i eth0 -p tcp -m tcp --dport 2222 -j DNAT --to-destination " + own() + ":22\n"
                    + (secondSshPort ? "-A PREROUTING -d 203.0.113.11/32 -i eth0 -p tcp -m tcp --dport 22022 -j DNAT --to-destination " + own() + ":22\n" : "")
                    + (masquerade1 ? "-A POSTROUTING -o " + tun + " -j MASQUERADE\n" : "") + "COMMIT\n";
        }

        private String edge1Addr() {
            return switch (shape) {
                case SUBNET -> addr("203.0.113.11", "tun0", "10.8.1.1", 24, null);
                case NET30 -> addr("203.0.113.11", "tun0", "10.8.1.1", 32, "10.8.1.2");
                case WIREGUARD -> addr("203.0.113.11", "wg0", "10.9.1.1", 24, null);
            };
        }

        private static String addr(String pub, String tun, String local, int len, String peer) {
            return "[{\"ifindex\":2,\"ifname\":\"eth0\",\"flags\":[\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"" + pub + "\",\"prefixlen\":24}]},"
                    + "{\"ifindex\":3,\"ifname\":\"" + tun + "\",\"flags\":[\"POINTOPOINT\",\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"" + local + "\""
                    + (peer == null ? "" : ",\"address\":\"" + peer + "\"") + ",\"prefixlen\":" + len + "}]}]";
        }

        private String config() {
            String opt1 = shape == Shape.WIREGUARD
                    ? "<opt1><if>tun_wg0</if><descr>EDGE1</descr><enable></enable><ipaddr>10.9.1.2</ipaddr><subnet>24</subnet></opt1>"
                    : "<opt1><if>ovpnc1</if><descr>EDGE1</descr><enable></enable></opt1>";
            String client1 = shape == Shape.WIREGUARD ? ""
                    : "<openvpn-client><vpnid>1</vpnid><dev_mode>tun</dev_mode><create_gw>v4only</create_gw>"
                    + (shape == Shape.NET30 ? "<topology>net30</topology>" : "") + "</openvpn-client>";
            String items = shape == Shape.WIREGUARD
                    ? "<gateway_item><interface>opt1</interface><gateway>10.9.1.1</gateway><name>EDGE1_WG</name><ipprotocol>inet</ipprotocol></gateway_item>" : "";
            String rules = "";
            for (String tab : new String[] {"openvpn", "WireGuard"}) {
                rules += rule(tab, "<network>(self)</network><port>22</port>", "SSH to this firewall")
                        + rule(tab, "<address>192.168.1.10</address><port>443</port>", "HTTPS to the server");
            }
            return """
                    <?xml version="1.0"?>
                    <pfsense>
                      <version>23.3</version>
                      <interfaces>
                        <lan><enable></enable><if>vtnet1</if><descr>LAN</descr><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                        %s
                        <opt2><if>ovpnc2</if><descr>EDGE2</descr><enable></enable></opt2>
                        <opt3><if>vtnet0</if><descr>MGMT</descr><enable></enable><ipaddr>10.0.0.1</ipaddr><subnet>24</subnet></opt3>
                      </interfaces>
                      <openvpn>%s<openvpn-client><vpnid>2</vpnid><dev_mode>tun</dev_mode><create_gw>v4only</create_gw></openvpn-client></openvpn>
                      <nat><outbound><mode>automatic</mode></outbound>%s%s</nat>
                      <filter>%s</filter>
                      <gateways>%s<defaultgw4>%s</defaultgw4></gateways>
                    </pfsense>
                    """.formatted(opt1, client1, forward("opt1"), forward("opt2"), rules, items, defaultVia == 1 ? name1() : "EDGE2_VPNV4");
        }

        private static String forward(String iface) {
            return "<rule><source><any></any></source><destination><network>" + iface + "ip</network><port>443</port></destination>"
                    + "<ipprotocol>inet</ipprotocol><protocol>tcp</protocol><target>192.168.1.10</target><local-port>443</local-port>"
                    + "<interface>" + iface + "</interface><associated-rule-id></associated-rule-id></rule>";
        }

        private static String rule(String tab, String destination, String descr) {
            return "<rule><type>pass</type><interface>" + tab + "</interface><ipprotocol>inet</ipprotocol><protocol>tcp</protocol>"
                    + "<source><any></any></source><destination>" + destination + "</destination><descr>" + descr + "</descr></rule>";
        }

        private String routes() {
            String edge1 = switch (shape) {
                case SUBNET -> row("10.8.1.0/24", "link#2", "U", "ovpnc1") + row("10.8.1.2", "link#1", "UHS", "lo0");
                case NET30 -> row("10.8.1.1", "10.8.1.5", "UGHS", "ovpnc1") + row("10.8.1.5", "link#2", "UH", "ovpnc1")
                        + row("10.8.1.6", "link#1", "UHS", "lo0");
                case WIREGUARD -> row("10.9.1.0/24", "link#2", "U", "tun_wg0") + row("10.9.1.2", "link#1", "UHS", "lo0");
            };
            return "Routing tables\n\nInternet:\nDestination        Gateway            Flags     Netif Expire\n"
                    + (defaultVia == 1 ? row("default", gw1(), "UGS", dev1()) : row("default", "10.8.2.1", "UGS", "ovpnc2"))
                    + edge1 + row("10.8.2.0/24", "link#3", "U", "ovpnc2") + row("10.8.2.2", "link#1", "UHS", "lo0")
                    + row("10.0.0.0/24", "link#4", "U", "vtnet0") + row("10.0.0.1", "link#1", "UHS", "lo0")
                    + row("172.16.0.0/16", "10.0.0.254", "UGS", "vtnet0") + row("127.0.0.1", "link#1", "UH", "lo0")
                    + row("192.168.1.0/24", "link#5", "U", "vtnet1") + row("192.168.1.1", "link#1", "UHS", "lo0");
        }

        private static String row(String dst, String gw, String flags, String netif) {
            return String.format("%-18s %-18s %-8s %7s%n", dst, gw, flags, netif);
        }

        private String ifconfig() {
            String tun1 = switch (shape) {
                case SUBNET -> "ovpnc1: flags=1008051<UP,POINTOPOINT,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                        + "\tinet 10.8.1.2 --> 10.8.1.2 netmask 0xffffff00\n\tgroups: tun openvpn\n";
                case NET30 -> "ovpnc1: flags=1008051<UP,POINTOPOINT,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                        + "\tinet 10.8.1.6 --> 10.8.1.5 netmask 0xffffffff\n\tgroups: tun openvpn\n";
                case WIREGUARD -> "tun_wg0: flags=10080c1<UP,RUNNING,NOARP,MULTICAST,LOWER_UP> metric 0 mtu 1420\n"
                        + "\tinet 10.9.1.2 netmask 0xffffff00\n\tgroups: wg WireGuard\n";
            };
            return "lo0: flags=1008049<UP,LOOPBACK,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 16384\n\tinet 127.0.0.1 netmask 0xff000000\n"
                    + tun1
                    + "ovpnc2: flags=1008051<UP,POINTOPOINT,RUNNING,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                    + "\tinet 10.8.2.2 --> 10.8.2.2 netmask 0xffffff00\n\tgroups: tun openvpn\n"
                    + "vtnet0: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                    + "\tinet 10.0.0.1 netmask 0xffffff00 broadcast 10.0.0.255\n"
                    + "vtnet1: flags=1008843<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST,LOWER_UP> metric 0 mtu 1500\n"
                    + "\tinet 192.168.1.1 netmask 0xffffff00 broadcast 192.168.1.255\n";
        }
    }

    private static Optional<SessionView> seen(String sshConnection) {
        return SshConnectionReader.read("fw", sshConnection);
    }

    /** The default route moved from EDGE1 to EDGE2, as default-route predicts it. */
    private static Optional<String> defaultMoved(Fw fw, AdminPath admin) {
        Fw after = fw.defaultVia(2);
        return admin.cutBy(after.audit(), after.topology());
    }

    @Test
    void subnetTunnelTheAdminsRealAddressThroughEdge1IsCutWhenTheDefaultMoves() {
        Fw fw = Fw.of(Shape.SUBNET);
        assertEquals(Verdict.PRESERVED, fw.audit().paths().stream().filter(p -> p.service().equals("tcp/2222")).findFirst().orElseThrow().verdict());
        AdminPath admin = AdminPath.locate(fw.topology(), seen("198.51.100.20 60180 10.8.1.2 22"));
        assertEquals("how you reach fw: through EDGE1_VPNV4 tcp/2222 as 198.51.100.20 (fw sees 198.51.100.20:60180 -> 10.8.1.2:22 on ovpnc1)",
                admin.says());
        String cut = defaultMoved(fw, admin).orElseThrow();
        assertEquals("it would cut this very session: you reach fw through EDGE1_VPNV4 tcp/2222 as 198.51.100.20, and tcp/2222 would turn "
                + "TRIANGULAR (replies would leave by EDGE2_VPNV4); reach the firewall another way (its LAN or a management link, or an edge this "
                + "change leaves working)", cut);
        assertEquals(Optional.empty(), admin.cutBy(fw.audit(), fw.topology()), "no change, no cut");
    }

    @Test
    void net30TunnelTheOwnAddressIsALo0HostRouteAndStillLocated() {
        Fw fw = Fw.of(Shape.NET30);
        AdminPath admin = AdminPath.locate(fw.topology(), seen("198.51.100.20 60180 10.8.1.6 22"));
        assertEquals("how you reach fw: through EDGE1_VPNV4 tcp/2222 as 198.51.100.20 (fw sees 198.51.100.20:60180 -> 10.8.1.6:22 on ovpnc1)",
                admin.says());
        assertTrue(defaultMoved(fw, admin).orElseThrow().contains("tcp/2222 would turn TRIANGULAR (replies would leave by EDGE2_VPNV4)"));
    }

    @Test
    void wireGuardTunnelWithTheAdminsOwnGateway() {
        Fw fw = Fw.of(Shape.WIREGUARD);
        AdminPath admin = AdminPath.locate(fw.topology(), seen("198.51.100.20 60180 10.9.1.2 22"));
        assertEquals("how you reach fw: through EDGE1_WG tcp/2222 as 198.51.100.20 (fw sees 198.51.100.20:60180 -> 10.9.1.2:22 on tun_wg0)",
                admin.says());
        assertTrue(defaultMoved(fw, admin).orElseThrow().contains("you reach fw through EDGE1_WG tcp/2222 as 198.51.100.20"));
    }

    @Test
    void aMasqueradedSessionSurvivesADefaultMoveButNotMasqueradeOff() {
        Fw fw = Fw.of(Shape.SUBNET).masquerading(true);
        AdminPath admin = AdminPath.locate(fw.topology(), seen("10.8.1.1 41000 10.8.1.2 22"));
        assertEquals("how you reach fw: through EDGE1_VPNV4 tcp/2222 as 10.8.1.1 (masqueraded by the edge) (fw sees 10.8.1.1:41000 -> "
                + "10.8.1.2:22 on ovpnc1)", admin.says());
        assertEquals(Optional.empty(), defaultMoved(fw, admin), "replies to the edge's tunnel address stay in the tunnel");

        Fw onEdge2 = fw.defaultVia(2);
        AdminPath there = AdminPath.locate(onEdge2.topology(), seen("10.8.1.1 41000 10.8.1.2 22"));
        Optional<String> off = there.cutBy(onEdge2.masquerading(false).audit()); // nat-toggle EDGE1_VPNV4 off
        assertTrue(off.orElseThrow().contains("tcp/2222 would turn TRIANGULAR (replies would leave by EDGE2_VPNV4)"), off.toString());
        assertEquals(Optional.empty(), there.cutBy(onEdge2.audit()), "masquerade on (as it is) never cuts");
    }

    @Test
    void severalPublishedPortsToTheSameSshdAreAllNamed() {
        Fw fw = Fw.of(Shape.SUBNET).withSecondSshPort();
        AdminPath admin = AdminPath.locate(fw.topology(), seen("198.51.100.20 60180 10.8.1.2 22"));
        assertTrue(admin.says().startsWith("how you reach fw: through EDGE1_VPNV4 tcp/2222, tcp/22022 as 198.51.100.20 "), admin.says());
        assertTrue(defaultMoved(fw.withSecondSshPort(), admin).orElseThrow()
                .contains("and tcp/2222 would turn TRIANGULAR (replies would leave by EDGE2_VPNV4), tcp/22022 would turn TRIANGULAR"));
    }

    @Test
    void aLanSessionIsNotThroughAnEdgeAndAConnectedPeerIsNeverCut() {
        Fw fw = Fw.of(Shape.SUBNET);
        AdminPath admin = AdminPath.locate(fw.topology(), seen("192.168.1.50 50000 192.168.1.1 22"));
        assertEquals("how you reach fw: on vtnet1 (LAN) from 192.168.1.50: not through an edge", admin.says());
        assertEquals(Optional.empty(), defaultMoved(fw, admin));
        assertEquals(Optional.empty(), admin.cutBy(fw.masquerading(true).audit()));
    }

    @Test
    void aManagementPeerBehindAStaticRouteStaysButOneOnTheDefaultRouteMovesWithIt() {
        Fw fw = Fw.of(Shape.SUBNET);
        AdminPath routed = AdminPath.locate(fw.topology(), seen("172.16.5.5 50000 10.0.0.1 22"));
        assertEquals("how you reach fw: on vtnet0 (MGMT) from 172.16.5.5: not through an edge", routed.says());
        assertEquals(Optional.empty(), defaultMoved(fw, routed));

        AdminPath viaDefault = AdminPath.locate(fw.topology(), seen("198.51.100.77 50000 10.0.0.1 22"));
        assertEquals("it would cut this very session: you reach fw on vtnet0 (MGMT) from 198.51.100.77, and replies to 198.51.100.77 "
                + "would leave by EDGE2_VPNV4 instead of EDGE1_VPNV4; reach the firewall another way (its LAN or a management link, or an edge this "
                + "change leaves working)", defaultMoved(fw, viaDefault).orElseThrow());
        assertEquals(Optional.empty(), viaDefault.cutBy(fw.defaultVia(2).audit()), "the paths alone cannot tell: routes are not theirs");
    }

    @Test
    void aTunnelSessionOnNoPublishedPathIsJudgedByItsReplyRoute() {
        Fw fw = Fw.of(Shape.SUBNET).edge1NotRead();
        AdminPath admin = AdminPath.locate(fw.topology(), seen("198.51.100.20 60180 10.8.1.2 22"));
        assertEquals("how you reach fw: through EDGE1_VPNV4's tunnel (ovpnc1) from 198.51.100.20, by no published path read "
                + "(fw sees 198.51.100.20:60180 -> 10.8.1.2:22)", admin.says());
        assertTrue(defaultMoved(fw, admin).orElseThrow().contains("replies to 198.51.100.20 would leave by EDGE2_VPNV4 instead of EDGE1_VPNV4"));
    }

    @Test
    void unknownWhenTheFirewallDoesNotSayAndNothingIsCut() {
        Fw fw = Fw.of(Shape.SUBNET);
        AdminPath admin = AdminPath.locate(fw.topology(), Optional.empty());
        assertEquals("how you reach fw: unknown (the firewall gave no readable SSH_CONNECTION for this session)", admin.says());
        assertFalse(admin.known());
        assertEquals(Optional.empty(), defaultMoved(fw, admin));
    }

    @Test
    void anIpv6SessionOrAnAddressOfNoInterfaceIsUnknown() {
        Fw fw = Fw.of(Shape.SUBNET);
        AdminPath v6 = AdminPath.locate(fw.topology(), seen("2001:db8::5 50122 2001:db8::1 22"));
        assertEquals("how you reach fw: unknown (it sees [2001:db8::5]:50122 -> [2001:db8::1]:22, over IPv6, which this toolkit does not model)",
                v6.says());
        assertEquals(Optional.empty(), defaultMoved(fw, v6));
        AdminPath elsewhere = AdminPath.locate(fw.topology(), seen("127.0.0.1 50000 127.0.0.2 22"));
        assertTrue(elsewhere.says().startsWith("how you reach fw: unknown (it sees 127.0.0.1:50000 -> 127.0.0.2:22, and 127.0.0.2 is on none"),
                elsewhere.says());
    }
}
