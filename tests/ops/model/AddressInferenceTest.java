package ops.model;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import ops.net.IpAddress;
import ops.pfsense.ConfigXmlReader;
import ops.pfsense.IfconfigReader;
import ops.pfsense.PfSenseConfig;
import ops.route.NetstatReader;
import ops.route.RoutingTable;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/** Which interface holds which address: read from ifconfig, else only what the routes prove. */
class AddressInferenceTest {
    static final PfSenseConfig CONFIG = ConfigXmlReader.read("c", "<pfsense><version>21.7</version><interfaces>"
            + "<wan><if>em0</if><enable></enable><ipaddr>dhcp</ipaddr></wan>"
            + "<lan><if>em1</if><enable></enable><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>"
            + "<opt1><if>ovpnc1</if><descr>EDGE1</descr><enable></enable></opt1>"
            + "<opt2><if>ovpnc2</if><descr>EDGE2</descr><enable></enable></opt2>"
            + "<opt3><if>ovpnc3</if><descr>EDGE3</descr><enable></enable></opt3>"
            + "</interfaces></pfsense>");

    /** pfSense 2.7 (FreeBSD 14): lo0 host routes name lo0's own link#, which proves nothing. */
    static final String P2P_FREEBSD14 = """
            Routing tables

            Internet:
            Destination        Gateway            Flags   Nhop#    Mtu      Netif Expire
            default            10.8.0.5           UGS         9   1500     ovpnc1
            10.8.0.5           link#7             UH          5   1500     ovpnc1
            10.8.0.6           link#4             UHS         6  16384        lo0
            10.9.0.9           link#8             UH          7   1500     ovpnc2
            10.9.0.10          link#4             UHS         8  16384        lo0
            127.0.0.1          link#4             UH          2  16384        lo0
            172.27.232.1       link#9             UH         10   1500     ovpnc3
            172.27.232.14      link#4             UHS        11  16384        lo0
            192.168.1.0/24     link#2             U           3   1500        em1
            192.168.1.1        link#4             UHS         4  16384        lo0
            203.0.113.0/24     link#1             U           1   1500        em0
            203.0.113.2        link#4             UHS        12  16384        lo0
            """;

    static FirewallAddresses infer(String routes) {
        RoutingTable t = NetstatReader.read("r", routes);
        return AddressInference.of(CONFIG, t, Optional.empty());
    }

    @Test
    void net30TunnelsArePlacedByTheirPeersSlash30AndAStrayP2pAddressIsNot() {
        FirewallAddresses a = infer(P2P_FREEBSD14);
        assertEquals(Optional.of("ovpnc1"), a.ownerOf(IpAddress.parse("10.8.0.6")));
        assertEquals(IpAddress.parse("10.8.0.5"), a.on("ovpnc1").get(0).peer().orElseThrow());
        assertEquals(Optional.of("ovpnc2"), a.ownerOf(IpAddress.parse("10.9.0.10")));
        // 172.27.232.14 and its peer .1 share no /30: nothing in the routes says it is ovpnc3's
        assertTrue(a.ownerOf(IpAddress.parse("172.27.232.14")).isEmpty());
        assertTrue(a.all().contains(IpAddress.parse("172.27.232.14")), "still one of the firewall's addresses");
        String why = a.unknownWhy("ovpnc3").orElseThrow();
        assertTrue(why.contains("ifconfig.txt") && why.contains("point-to-point"), why);
        assertEquals(Optional.of("em1"), a.ownerOf(IpAddress.parse("192.168.1.1")));
        assertEquals(Optional.of("em0"), a.ownerOf(IpAddress.parse("203.0.113.2")), "a DHCP WAN by its connected route");
        assertFalse(a.fromIfconfig());
    }

    @Test
    void freeBsd12NamesTheOwnersLinkOnLo0AndThatPlacesEveryTunnel() {
        // pfSense 2.5/2.6: the lo0 host route carries the owning interface's link#, as its peer route does
        String fb12 = P2P_FREEBSD14.replace("Nhop#", "Use").replace("10.8.0.6           link#4", "10.8.0.6           link#7")
                .replace("10.9.0.10          link#4", "10.9.0.10          link#8")
                .replace("172.27.232.14      link#4", "172.27.232.14      link#9");
        FirewallAddresses a = infer(fb12);
        assertEquals(Optional.of("ovpnc3"), a.ownerOf(IpAddress.parse("172.27.232.14")));
        assertEquals(IpAddress.parse("172.27.232.1"), a.on("ovpnc3").get(0).peer().orElseThrow());
        assertTrue(a.unknownWhy("ovpnc3").isEmpty());
    }

    @Test
    void subnetTopologyTheFreeBsdWayIsARouteViaTheOwnAddress() {
        FirewallAddresses a = infer("""
                Routing tables

                Internet:
                Destination        Gateway            Flags     Netif Expire
                default            10.8.0.1           UGS      ovpnc1
                10.8.0.0/24        10.8.0.2           UGS      ovpnc1
                10.8.0.2           link#7             UHS         lo0
                127.0.0.1          link#4             UH          lo0
                """);
        FirewallAddresses.Owned o = a.on("ovpnc1").get(0);
        assertEquals(IpAddress.parse("10.8.0.2"), o.address());
        assertEquals(24, o.prefixLen());
    }

    @Test
    void ifconfigDecidesAndKeepsEveryPeer() {
        FirewallAddresses a = AddressInference.of(CONFIG, NetstatReader.read("r", P2P_FREEBSD14),
                Optional.of(IfconfigReader.read("i", Repo.read("tests/fixtures/ifconfig/pfsense25-three-ovpnc-p2p.txt"))));
        assertTrue(a.fromIfconfig());
        assertEquals(Optional.of("ovpnc3"), a.ownerOf(IpAddress.parse("172.27.232.14")));
        assertEquals(IpAddress.parse("172.27.232.1"), a.on("ovpnc3").get(0).peer().orElseThrow());
        assertEquals(Optional.of("tun_wg0"), a.ownerOf(IpAddress.parse("10.6.210.2")));
        assertTrue(a.all().contains(IpAddress.parse("203.0.113.5")), "the CARP VIP is ours too");
        assertFalse(a.all().contains(IpAddress.parse("127.0.0.1")));
    }

    @Test
    void cutInterfaceNamesFromNetstatWithoutWAreRestored() {
        PfSenseConfig c = ConfigXmlReader.read("c", "<pfsense><version>21.7</version><interfaces>"
                + "<opt4><if>vmx0_vlan10</if><enable></enable><ipaddr>10.10.10.1</ipaddr><subnet>24</subnet></opt4>"
                + "<opt5><if>vmx0_vlan20</if><enable></enable><ipaddr>10.10.20.1</ipaddr><subnet>24</subnet></opt5>"
                + "<opt6><if>ovpnc10</if><enable></enable></opt6></interfaces></pfsense>");
        RoutingTable t = NetstatReader.read("r", """
                Routing tables

                Internet:
                Destination        Gateway            Flags     Netif Expire
                10.10.10.0/24      link#5             U        vmx0_vla
                10.20.0.1          link#9             UH        ovpnc10
                """);
        RoutingTable u = NetifNames.untruncate(t, c, Optional.empty());
        // two VLANs share the cut name: it stays as printed rather than be guessed
        assertEquals("vmx0_vla", u.lookup(IpAddress.parse("10.10.10.9")).orElseThrow().netif());
        PfSenseConfig one = ConfigXmlReader.read("c", "<pfsense><version>21.7</version><interfaces>"
                + "<opt4><if>vmx0_vlan10</if><enable></enable><ipaddr>10.10.10.1</ipaddr><subnet>24</subnet></opt4>"
                + "</interfaces></pfsense>");
        assertEquals("vmx0_vlan10", NetifNames.untruncate(t, one, Optional.empty()).lookup(IpAddress.parse("10.10.10.9")).orElseThrow().netif());
    }
}
