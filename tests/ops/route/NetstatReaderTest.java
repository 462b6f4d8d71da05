package ops.route;

import static org.junit.jupiter.api.Assertions.*;

import ops.base.OpsException;
import ops.net.IpAddress;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

class NetstatReaderTest {
    @Test
    void readsFreeBsd14WideFormatWithNhopColumns() {
        RoutingTable t = NetstatReader.read("r", Repo.read("tests/fixtures/samples/freebsd-netstat-Wrn-inet.txt"));
        Route d = t.lookup(IpAddress.parse("198.51.100.9")).orElseThrow();
        assertTrue(d.isDefault());
        assertEquals("10.0.0.1", d.gateway());
        assertEquals("vtnet1", d.netif());
        assertEquals("vtnet0", t.lookup(IpAddress.parse("192.168.0.77")).orElseThrow().netif());
        assertEquals("lo0", t.lookup(IpAddress.parse("10.0.0.100")).orElseThrow().netif());
    }

    @Test
    void netstatReaderKeepsIpv6SectionSeparate() {
        // the FreeBSD 12 sample was taken without -n; make it numeric the way -n prints it
        String numeric = Repo.read("tests/fixtures/samples/freebsd12-netstat-r.txt")
                .replaceFirst("\nlocalhost ", "\n127.0.0.1 ")
                .replace("localhost", "::1");
        RoutingTable t = NetstatReader.read("r", numeric);
        assertEquals(9, t.routes(IpAddress.Family.INET6).size());
        assertEquals(4, t.routes(IpAddress.Family.INET).size());
        assertTrue(t.routes(IpAddress.Family.INET6).stream().anyMatch(r -> r.rawDestination().equals("fe80::%em0/64")
                && r.destination().orElseThrow().toString().equals("fe80::/64")));
        assertEquals("em0", t.lookup(IpAddress.parse("192.168.71.9")).orElseThrow().netif());
        assertEquals("em0", t.lookup(IpAddress.parse("fe80::5")).orElseThrow().netif());
    }

    @Test
    void readsTheExampleSnapshotAndItsLongestPrefixMatches() {
        RoutingTable t = NetstatReader.read("r", Repo.read("examples/double-nat/routes.txt"));
        assertEquals("ovpnc1", t.lookup(IpAddress.parse("198.51.100.7")).orElseThrow().netif());
        assertEquals("vtnet0", t.lookup(IpAddress.parse("203.0.113.12")).orElseThrow().netif());
        assertEquals("ovpnc2", t.lookup(IpAddress.parse("10.8.2.1")).orElseThrow().netif());
    }

    @Test
    void readsAbbreviatedBsdDestinations() {
        RoutingTable t = NetstatReader.read("r", "Internet:\nDestination Gateway Flags Netif Expire\n10.8/16 10.0.0.1 UGS em0\n");
        assertEquals("10.8.0.0/16", t.routes().get(0).destination().orElseThrow().toString());
    }

    @Test
    void refusesNamesInsteadOfNumbersInTheIpv4Section() {
        OpsException e = assertThrows(OpsException.class,
                () -> NetstatReader.read("r", "Internet:\nDestination Gateway Flags Netif Expire\nlocalhost link#2 UH lo0\n"));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("-n"), e.getMessage());
    }

    @Test
    void refusesTextWithoutAHeader() {
        assertThrows(OpsException.class, () -> NetstatReader.read("r", "default 10.0.0.1 UGS em0\n"));
        assertThrows(OpsException.class, () -> NetstatReader.read("r", ""));
        assertThrows(OpsException.class, () -> NetstatReader.read("r", "Internet:\nDestination Gateway Flags Netif\n10.0.0.0/8 a b c d e f g\n"));
    }

    @Test
    void aRowShortOfTheLastHeaderColumnIsOneLineNotACrash() { // found by Jazzer: Netif last, a row one column short
        OpsException e = assertThrows(OpsException.class, () -> NetstatReader.read("r",
                "Internet:\nDestination Gateway Flags Nhop# Mtu Natif Netif\ndefault 10.0.0.1 UGS 22 1500 vtnet0\n"));
        assertEquals("r line 3: 6 columns, too few for the header's Netif column: 'default 10.0.0.1 UGS 22 1500 vtnet0'", e.getMessage());
    }
}
