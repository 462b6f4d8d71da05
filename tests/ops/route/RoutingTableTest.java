package ops.route;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.net.IpAddress;
import ops.net.Prefix;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private static Route r(String prefix, String netif) {
        return new Route(IpAddress.Family.INET, Optional.of(Prefix.parse(prefix)), prefix, "10.0.0.1", "UGS", netif);
    }

    @Test
    void longestPrefixWinsWhateverTheOrder() {
        RoutingTable t = new RoutingTable(List.of(r("10.0.0.0/8", "a"), r("0.0.0.0/0", "d"), r("10.1.0.0/16", "b"), r("10.1.2.0/24", "c")));
        assertEquals("c", t.lookup(IpAddress.parse("10.1.2.3")).orElseThrow().netif());
        assertEquals("b", t.lookup(IpAddress.parse("10.1.3.3")).orElseThrow().netif());
        assertEquals("a", t.lookup(IpAddress.parse("10.2.0.1")).orElseThrow().netif());
        assertEquals("d", t.lookup(IpAddress.parse("11.0.0.1")).orElseThrow().netif());
    }

    @Test
    void noRouteGivesEmptyAndSegmentsCoverTheWholeSpace() {
        RoutingTable t = new RoutingTable(List.of(r("10.0.0.0/8", "a"), r("255.255.255.255/32", "z")));
        assertTrue(t.lookup(IpAddress.parse("9.9.9.9")).isEmpty());
        assertEquals("z", t.lookup(IpAddress.parse("255.255.255.255")).orElseThrow().netif());
        long covered = t.segments().stream().mapToLong(RoutingTable.Segment::size).sum();
        assertEquals(1L << 32, covered);
    }

    @Test
    void agreesWithANaiveScanOnRandomTables() {
        java.util.Random rnd = new java.util.Random(42);
        for (int round = 0; round < 20; round++) {
            List<Route> routes = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int len = rnd.nextInt(33);
                routes.add(r(new Prefix(IpAddress.v4(rnd.nextInt() & 0xFFFFFFFFL), len).toString(), "if" + i));
            }
            RoutingTable t = new RoutingTable(routes);
            for (int q = 0; q < 500; q++) {
                IpAddress a = IpAddress.v4(rnd.nextInt() & 0xFFFFFFFFL);
                Route best = null;
                for (Route x : routes) {
                    Prefix p = x.destination().get();
                    if (p.contains(a) && (best == null || p.length() > best.destination().get().length())) best = x;
                }
                assertEquals(Optional.ofNullable(best).map(Route::netif), t.lookup(a).map(Route::netif), "lookup " + a);
            }
        }
    }

    @Test
    void readsLinuxIpJsonRoutes() {
        RoutingTable t = IpRouteJsonReader.read("ip", """
                [{"dst":"default","gateway":"203.0.113.1","dev":"eth0","protocol":"static","flags":[]},
                 {"dst":"10.8.1.0/24","dev":"tun0","protocol":"kernel","scope":"link","prefsrc":"10.8.1.1","flags":[]},
                 {"type":"blackhole","dst":"192.0.2.0/24","flags":[]},
                 {"dst":"192.168.1.0/24","gateway":"10.8.1.2","dev":"tun0","flags":[]}]""");
        assertEquals("tun0", t.lookup(IpAddress.parse("192.168.1.10")).orElseThrow().netif());
        assertTrue(t.lookup(IpAddress.parse("192.0.2.1")).orElseThrow().rejects());
        assertEquals("203.0.113.1", t.lookup(IpAddress.parse("8.8.8.8")).orElseThrow().gateway());
        assertThrows(ops.base.OpsException.class, () -> IpRouteJsonReader.read("ip", "{\"dst\":1}"));
        assertThrows(ops.base.OpsException.class, () -> IpRouteJsonReader.read("ip", "[{\"dst\":\"x\"}"));
    }
}
