package ops.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ops.net.Prefix;
import ops.route.Route;
import ops.route.RoutingTable;

/**
 * "An arbitrary public client": every IPv4 address outside the private, loopback, link-local,
 * CGNAT, multicast and reserved ranges. Documentation ranges stay in: labs use them as clients.
 */
final class PublicSpace {
    private PublicSpace() {}

    static final List<Prefix> NOT_PUBLIC = List.of(
            Prefix.parse("0.0.0.0/8"), Prefix.parse("10.0.0.0/8"), Prefix.parse("100.64.0.0/10"),
            Prefix.parse("127.0.0.0/8"), Prefix.parse("169.254.0.0/16"), Prefix.parse("172.16.0.0/12"),
            Prefix.parse("192.168.0.0/16"), Prefix.parse("224.0.0.0/3"));

    static final long SIZE;

    static {
        long excluded = 0;
        for (Prefix p : NOT_PUBLIC) excluded += p.lastV4() - p.firstV4() + 1;
        SIZE = (1L << 32) - excluded;
    }

    static boolean isPublic(ops.net.IpAddress a) {
        return a.isV4() && NOT_PUBLIC.stream().noneMatch(p -> p.contains(a));
    }

    /**
     * How many public addresses each route wins (longest-prefix match), in table order of the
     * segments; a null key counts addresses no route covers.
     */
    static Map<Route, Long> coverage(RoutingTable table) {
        return CACHE.computeIfAbsent(table, PublicSpace::compute);
    }

    // one routing table is asked about for every path; tables are compared by identity
    private static final Map<RoutingTable, Map<Route, Long>> CACHE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private static Map<Route, Long> compute(RoutingTable table) {
        Map<Route, Long> out = new LinkedHashMap<>();
        List<Prefix> excluded = NOT_PUBLIC.stream().sorted().toList(); // disjoint, sorted by start
        for (RoutingTable.Segment s : table.segments()) {
            long count = s.size();
            for (Prefix p : excluded) {
                long lo = Math.max(s.first(), p.firstV4()), hi = Math.min(s.last(), p.lastV4());
                if (lo <= hi) count -= hi - lo + 1;
            }
            if (count > 0) out.merge(s.route(), count, Long::sum);
        }
        return out;
    }
}
