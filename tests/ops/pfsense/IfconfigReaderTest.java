package ops.pfsense;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

class IfconfigReaderTest {
    private static Map<String, FirewallInterface> byName(List<FirewallInterface> l) {
        return l.stream().collect(Collectors.toMap(FirewallInterface::device, i -> i));
    }

    @Test
    void pointToPointTunnelsGiveTheirOwnAddressAndThePeer() {
        var ifs = byName(IfconfigReader.read("i", Repo.read("tests/fixtures/ifconfig/pfsense25-three-ovpnc-p2p.txt")));
        FirewallInterface.Address a = ifs.get("ovpnc1").addresses().get(0);
        assertEquals(IpAddress.parse("10.8.0.6"), a.local());
        assertEquals(32, a.prefixLen());
        assertEquals(IpAddress.parse("10.8.0.5"), a.remote().orElseThrow());
        assertEquals(IpAddress.parse("172.27.232.1"), ifs.get("ovpnc3").addresses().get(0).remote().orElseThrow());
        assertEquals(List.of("tun", "openvpn"), ifs.get("ovpnc1").groups());
        assertTrue(ifs.get("ovpnc1").up());
    }

    @Test
    void broadcastInterfacesCarpAndWireGuard() {
        var ifs = byName(IfconfigReader.read("i", Repo.read("tests/fixtures/ifconfig/pfsense25-three-ovpnc-p2p.txt")));
        List<FirewallInterface.Address> wan = ifs.get("em0").addresses();
        assertEquals(2, wan.size());
        assertEquals(24, wan.get(0).prefixLen());
        assertTrue(wan.get(0).remote().isEmpty());
        assertFalse(wan.get(0).vhid());
        assertTrue(wan.get(1).vhid(), "the CARP VIP");
        FirewallInterface.Address wg = ifs.get("tun_wg0").addresses().get(0);
        assertEquals(IpAddress.parse("10.6.210.2"), wg.local());
        assertEquals(24, wg.prefixLen());
        assertEquals(List.of("wg", "WireGuard"), ifs.get("tun_wg0").groups());
        assertTrue(ifs.get("enc0").addresses().isEmpty());
        assertFalse(ifs.get("enc0").up());
    }

    @Test
    void subnetTopologyPrintsItselfAsPeerAndCidrFormReads() {
        var ifs = byName(IfconfigReader.read("i", "ovpnc1: flags=8051<UP,POINTOPOINT,RUNNING,MULTICAST> metric 0 mtu 1500\n"
                + "\tinet 10.8.1.2 --> 10.8.1.2 netmask 0xffffff00\n"
                + "vtnet1: flags=8863<UP,BROADCAST,RUNNING,SIMPLEX,MULTICAST> metric 0 mtu 1500\n"
                + "\tinet 192.168.1.1/24 broadcast 192.168.1.255\n"));
        FirewallInterface.Address a = ifs.get("ovpnc1").addresses().get(0);
        assertEquals(24, a.prefixLen());
        assertTrue(a.remote().isEmpty(), "OpenVPN subnet topology on FreeBSD names itself as the peer: no far end");
        assertEquals(24, ifs.get("vtnet1").addresses().get(0).prefixLen());
    }

    @Test
    void badInputIsOneLineSayingWhere() {
        OpsException e = assertThrows(OpsException.class, () -> IfconfigReader.read("fw/ifconfig.txt", "\tinet 10.0.0.1 netmask 0xffffff00\n"));
        assertTrue(e.getMessage().startsWith("fw/ifconfig.txt line 1: "), e.getMessage());
        e = assertThrows(OpsException.class, () -> IfconfigReader.read("f", "em0: flags=8843<UP> metric 0 mtu 1500\n\tinet 10.0.0.1 netmask 0xff00ff00\n"));
        assertTrue(e.getMessage().contains("not a contiguous"), e.getMessage());
        e = assertThrows(OpsException.class, () -> IfconfigReader.read("f", "Routing tables\n"));
        assertTrue(e.getMessage().contains("ifconfig -a"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }
}
