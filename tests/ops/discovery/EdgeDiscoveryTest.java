package ops.discovery;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.model.TopologyBuilder;
import ops.pfsense.ConfigXmlReader;
import ops.pfsense.PfSenseConfig;
import ops.ssh.ConfiguredHost;
import org.junit.jupiter.api.Test;

/** The pure mapping: config.xml + ssh_config's resolved Hosts in, each gateway's edge with its reason out. */
class EdgeDiscoveryTest {

    /** A config.xml with OpenVPN clients (vpnid = server_addr) on opt1.., and WireGuard tunnels with their peers. */
    static PfSenseConfig config(Map<String, String> openVpn, String wireGuard, String extraInterfaces) {
        StringBuilder ifs = new StringBuilder(), clients = new StringBuilder();
        int n = 1;
        for (Map.Entry<String, String> c : new java.util.TreeMap<>(openVpn).entrySet()) {
            ifs.append("<opt").append(n).append("><if>ovpnc").append(c.getKey()).append("</if><descr>EDGE").append(c.getKey())
                    .append("</descr><enable/></opt").append(n).append(">");
            clients.append("<openvpn-client><vpnid>").append(c.getKey()).append("</vpnid><dev_mode>tun</dev_mode><create_gw>v4only</create_gw>")
                    .append("<server_addr>").append(c.getValue()).append("</server_addr><server_port>1194</server_port></openvpn-client>");
            n++;
        }
        String xml = "<?xml version=\"1.0\"?><pfsense><version>23.3</version><interfaces><wan><if>vtnet0</if><ipaddr>dhcp</ipaddr><enable/></wan>"
                + ifs + extraInterfaces + "</interfaces><openvpn>" + clients + "</openvpn>"
                + (wireGuard.isEmpty() ? "" : "<installedpackages><wireguard>" + wireGuard + "</wireguard></installedpackages>")
                + "</pfsense>";
        return ConfigXmlReader.read("test/config.xml", xml);
    }

    static List<EdgeSource> choose(PfSenseConfig c, List<ConfiguredHost> hosts) {
        return choose(c, Map.of(), hosts, Set.of("fw"));
    }

    static List<EdgeSource> choose(PfSenseConfig c, Map<String, EdgeSource> named, List<ConfiguredHost> hosts, Set<String> notEdges) {
        return EdgeDiscovery.choose(c, TopologyBuilder.gateways(c), named, hosts, notEdges);
    }

    static EdgeSource of(List<EdgeSource> all, String gateway) {
        return all.stream().filter(e -> e.gateway().equals(gateway)).findFirst().orElseThrow(() -> new AssertionError(gateway + " in " + all));
    }

    static final List<ConfiguredHost> HOSTS = List.of(new ConfiguredHost("fw", "10.253.77.2"), new ConfiguredHost("vps1", "203.0.113.11"),
            new ConfiguredHost("vps2", "edge2.example.net"), new ConfiguredHost("vps3", "203.0.113.13"));

    @Test
    void anOpenVpnServerAddressLeadsToTheHostWhoseHostNameItIs() {
        List<EdgeSource> all = choose(config(Map.of("1", "203.0.113.11"), "", ""), HOSTS);
        assertEquals(1, all.size(), all.toString());
        EdgeSource e = of(all, "EDGE1_VPNV4");
        assertEquals(Optional.of("vps1"), e.host());
        assertEquals(EdgeSource.Origin.SSH_CONFIG, e.origin());
        assertEquals(Optional.of("203.0.113.11"), e.address());
        assertTrue(e.read() && e.discovered());
        assertEquals("EDGE1_VPNV4 → vps1 (ssh_config Host whose HostName is 203.0.113.11, the OpenVPN client's server)", e.line());
    }

    @Test
    void aServerNamedByHostNameMatchesThatHostNameWhateverItsCase() {
        EdgeSource e = of(choose(config(Map.of("2", "Edge2.Example.NET."), "", ""), HOSTS), "EDGE2_VPNV4");
        assertEquals(Optional.of("vps2"), e.host());
        assertEquals("ssh_config Host whose HostName is Edge2.Example.NET., the OpenVPN client's server", e.why());
        // a name never matches an address (no DNS here), nor an address a name
        EdgeSource byAddress = of(choose(config(Map.of("2", "198.51.100.2"), "", ""), HOSTS), "EDGE2_VPNV4");
        assertEquals(EdgeSource.Origin.ADDRESS, byAddress.origin());
    }

    @Test
    void aWireGuardPeerEndpointWithItsPortLeadsToTheHostOfItsAddress() {
        String wg = "<tunnels><item><name>tun_wg0</name><enabled>yes</enabled></item><item><name>tun_wg1</name><enabled>yes</enabled></item></tunnels>"
                + "<peers><item><enabled>yes</enabled><tun>tun_wg0</tun><endpoint>203.0.113.13</endpoint><port>51820</port></item>"
                + "<item><enabled>yes</enabled><tun>tun_wg1</tun><endpoint>203.0.113.14:51821</endpoint><port></port></item></peers>";
        String ifs = "<opt8><if>tun_wg0</if><descr>WG0</descr><enable/><ipaddr>10.9.3.2</ipaddr><subnet>24</subnet></opt8>"
                + "<opt9><if>tun_wg1</if><descr>WG1</descr><enable/><ipaddr>10.9.4.2</ipaddr><subnet>24</subnet></opt9>";
        String gws = "";
        PfSenseConfig c = ConfigXmlReader.read("t", "<?xml version=\"1.0\"?><pfsense><version>23.3</version><interfaces>" + ifs
                + "</interfaces><gateways><gateway_item><interface>opt8</interface><gateway>10.9.3.1</gateway><name>EDGE3_WG</name>"
                + "<ipprotocol>inet</ipprotocol></gateway_item><gateway_item><interface>opt9</interface><gateway>10.9.4.1</gateway>"
                + "<name>EDGE4_WG</name><ipprotocol>inet</ipprotocol></gateway_item></gateways><installedpackages><wireguard>" + wg
                + "</wireguard></installedpackages>" + gws + "</pfsense>");
        List<EdgeSource> all = choose(c, HOSTS);
        EdgeSource e3 = of(all, "EDGE3_WG");
        assertEquals(Optional.of("vps3"), e3.host());
        assertEquals("ssh_config Host whose HostName is 203.0.113.13, the WireGuard peer's endpoint", e3.why());
        // the endpoint's WireGuard port is not the SSH port: the address alone, with ssh's own port rules
        EdgeSource e4 = of(all, "EDGE4_WG");
        assertEquals(Optional.of("203.0.113.14"), e4.host());
        assertEquals(EdgeSource.Origin.ADDRESS, e4.origin());
    }

    @Test
    void withoutAMatchingHostTheAddressItselfIsTheTargetAndTheReasonSaysSo() {
        EdgeSource e = of(choose(config(Map.of("3", "192.0.2.33"), "", ""), HOSTS), "EDGE3_VPNV4");
        assertEquals(Optional.of("192.0.2.33"), e.host());
        assertEquals(EdgeSource.Origin.ADDRESS, e.origin());
        assertEquals("EDGE3_VPNV4 → 192.0.2.33 (the OpenVPN client's server itself, with your ssh_config defaults: no ssh_config Host "
                + "has HostName 192.0.2.33)", e.line());
        // IPv6: a target whose colons cannot read as a port
        EdgeSource v6 = of(choose(config(Map.of("3", "2001:db8::33"), "", ""), HOSTS), "EDGE3_VPNV4");
        assertEquals(Optional.of("[2001:db8::33]"), v6.host());
        assertEquals(Optional.of("2001:db8::33"), v6.address());
    }

    @Test
    void twoHostsWithTheSameHostNameGiveTheFirstInSshConfigOrderAndTheReasonNamesBoth() {
        List<ConfiguredHost> hosts = List.of(new ConfiguredHost("edge1-ops", "203.0.113.11"), new ConfiguredHost("edge1", "203.0.113.11"));
        EdgeSource e = of(choose(config(Map.of("1", "203.0.113.11"), "", ""), hosts), "EDGE1_VPNV4");
        assertEquals(Optional.of("edge1-ops"), e.host());
        assertEquals("ssh_config Host whose HostName is 203.0.113.11, the OpenVPN client's server; the first of the Hosts edge1-ops, edge1 "
                + "in ssh_config's order", e.why());
    }

    @Test
    void theFirewallsOwnHostIsNeverItsEdge() {
        // an admin's way to the firewall through edge1's port forward has edge1's address as HostName
        List<ConfiguredHost> hosts = List.of(new ConfiguredHost("fw-via-edge1", "203.0.113.11"), new ConfiguredHost("vps1", "203.0.113.11"));
        EdgeSource e = of(choose(config(Map.of("1", "203.0.113.11"), "", ""), Map.of(), hosts, Set.of("fw-via-edge1")), "EDGE1_VPNV4");
        assertEquals(Optional.of("vps1"), e.host());
        assertFalse(e.why().contains("first of"), e.why());
    }

    @Test
    void edgesNamedOnTheCommandLineOrInTheInventoryWin() {
        Map<String, EdgeSource> named = Map.of("EDGE1_VPNV4", EdgeSource.named("EDGE1_VPNV4", "ops@other", EdgeSource.Origin.COMMAND_LINE, "--edge"),
                "EDGE2_VPNV4", EdgeSource.named("EDGE2_VPNV4", "edge2", EdgeSource.Origin.INVENTORY, "inventory ops.toml"));
        List<EdgeSource> all = choose(config(Map.of("1", "203.0.113.11", "2", "edge2.example.net", "3", "203.0.113.13"), "", ""), named,
                HOSTS, Set.of("fw"));
        assertEquals(List.of("EDGE1_VPNV4 → ops@other (--edge)", "EDGE2_VPNV4 → edge2 (inventory ops.toml)",
                "EDGE3_VPNV4 → vps3 (ssh_config Host whose HostName is 203.0.113.13, the OpenVPN client's server)"),
                all.stream().map(EdgeSource::line).toList());
        assertFalse(of(all, "EDGE1_VPNV4").discovered());
    }

    @Test
    void anOpenVpnServerOrAnAmbiguousTunnelHasNoEdgeAndSaysWhy() {
        String wg = "<peers><item><enabled>yes</enabled><tun>tun_wg0</tun><endpoint>203.0.113.21</endpoint></item>"
                + "<item><enabled>yes</enabled><tun>tun_wg0</tun><endpoint>203.0.113.22</endpoint></item>"
                + "<item><enabled>no</enabled><tun>tun_wg1</tun><endpoint>203.0.113.23</endpoint></item></peers>";
        String ifs = "<opt5><if>ovpns1</if><descr>ROADWARRIOR</descr><enable/></opt5>"
                + "<opt6><if>tun_wg0</if><descr>WG0</descr><enable/><ipaddr>10.9.5.2</ipaddr><subnet>24</subnet></opt6>"
                + "<opt7><if>tun_wg1</if><descr>WG1</descr><enable/><ipaddr>10.9.6.2</ipaddr><subnet>24</subnet></opt7>";
        PfSenseConfig c = ConfigXmlReader.read("t", "<?xml version=\"1.0\"?><pfsense><version>23.3</version><interfaces>" + ifs
                + "</interfaces><gateways><gateway_item><interface>opt6</interface><gateway>10.9.5.1</gateway><name>WG0_GW</name>"
                + "<ipprotocol>inet</ipprotocol></gateway_item><gateway_item><interface>opt7</interface><gateway>10.9.6.1</gateway>"
                + "<name>WG1_GW</name><ipprotocol>inet</ipprotocol></gateway_item></gateways>"
                + "<installedpackages><wireguard>" + wg + "</wireguard></installedpackages></pfsense>");
        List<EdgeSource> all = choose(c, HOSTS);
        assertEquals("ROADWARRIOR_VPNV4 → no edge (ovpns1 is an OpenVPN server: its clients connect in, and config.xml does not say "
                + "from where; name its edge with --edge ROADWARRIOR_VPNV4=HOST)", of(all, "ROADWARRIOR_VPNV4").line());
        assertEquals("WG0_GW → no edge (the WireGuard tunnel tun_wg0 has peers at 203.0.113.21, 203.0.113.22, and config.xml does not "
                + "say which one is the edge; name its edge with --edge WG0_GW=HOST)", of(all, "WG0_GW").line());
        assertTrue(of(all, "WG1_GW").why().startsWith("no enabled WireGuard peer of tun_wg1 has an endpoint"), of(all, "WG1_GW").why());
        assertTrue(all.stream().noneMatch(EdgeSource::read));
    }

    @Test
    void onlyVpnGatewaysLeadToEdges() {
        // the WAN's dynamic DHCP gateway is no edge
        List<EdgeSource> all = choose(config(Map.of("1", "203.0.113.11"), "", ""), HOSTS);
        assertEquals(List.of("EDGE1_VPNV4"), all.stream().map(EdgeSource::gateway).toList());
    }

    @Test
    void anUnreachedEdgeIsOneLineNamingTheGatewayTheAddressAndWhatToAdd() {
        EdgeSource e = of(choose(config(Map.of("3", "203.0.113.13"), "", ""), List.of()), "EDGE3_VPNV4")
                .unreached("203.0.113.13 (root@203.0.113.13): no SSH answer within 3 s; check the host");
        assertFalse(e.read());
        assertEquals("EDGE3_VPNV4: edge 203.0.113.13 (the OpenVPN client's server itself, with your ssh_config defaults: no ssh_config Host "
                + "has HostName 203.0.113.13) not reached: 203.0.113.13 (root@203.0.113.13): no SSH answer within 3 s; check the host; "
                + "add a Host with HostName 203.0.113.13 to ssh_config (with the User, Port or ProxyJump that reach it), or give "
                + "--edge EDGE3_VPNV4=HOST", e.line());
        assertEquals(1, e.line().lines().count());
        EdgeSource viaHost = of(choose(config(Map.of("1", "203.0.113.11"), "", ""), HOSTS), "EDGE1_VPNV4").unreached("vps1: refused");
        assertTrue(viaHost.line().endsWith("not reached: vps1: refused; fix that Host in ssh_config, or give --edge EDGE1_VPNV4=HOST"),
                viaHost.line());
    }

    @Test
    void realConfigsOfBothTunnelKindsNameTheirServers() throws Exception {
        PfSenseConfig wg = ConfigXmlReader.read("wg", Files.readString(Path.of("tests/fixtures/real/pf27-wireguard-group-tab/config.xml")));
        assertEquals(2, wg.wireGuardPeers().size());
        assertEquals(new PfSenseConfig.WireGuardPeer("tun_wg0", true, "203.0.113.11", "51820", "edge1"), wg.wireGuardPeers().get(0));
        List<EdgeSource> wgEdges = choose(wg, HOSTS);
        assertEquals(List.of(Optional.of("vps1"), Optional.of("203.0.113.12")), wgEdges.stream().map(EdgeSource::host).toList(), wgEdges::toString);
        PfSenseConfig ovpn = ConfigXmlReader.read("ovpn", Files.readString(Path.of("examples/double-nat/config.xml")));
        assertEquals("203.0.113.11", ovpn.openVpn().stream().filter(o -> o.vpnid().equals("1")).findFirst().orElseThrow().serverAddr());
        assertEquals(List.of("EDGE1_VPNV4 → vps1 (ssh_config Host whose HostName is 203.0.113.11, the OpenVPN client's server)",
                "EDGE2_VPNV4 → 203.0.113.12 (the OpenVPN client's server itself, with your ssh_config defaults: no ssh_config Host has "
                        + "HostName 203.0.113.12)",
                "EDGE3_VPNV4 → vps3 (ssh_config Host whose HostName is 203.0.113.13, the OpenVPN client's server)"),
                choose(ovpn, HOSTS).stream().map(EdgeSource::line).toList());
    }

    @Test
    void addressesLoseTheirPortAndCompareByValue() {
        assertEquals("203.0.113.9", TunnelServers.host(" 203.0.113.9:51820 "));
        assertEquals("2001:db8::9", TunnelServers.host("[2001:db8::9]:51820"));
        assertEquals("2001:db8::9", TunnelServers.host("2001:db8::9"));
        assertEquals("vpn.example.net", TunnelServers.host("vpn.example.net:1194"));
        assertTrue(TunnelServers.same("2001:DB8::0:9", "2001:db8::9"));
        assertFalse(TunnelServers.same("203.0.113.9", "203.0.113.90"));
    }
}
