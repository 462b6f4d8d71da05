package ops.audit;

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

    /** NOT_PUBLIC's bounds, as plain numbers for the per-segment loop. */
    private static final long[] EXCLUDED_FIRST = NOT_PUBLIC.stream().mapToLong(Prefix::firstV4).toArray();
    private static final long[] EXCLUDED_LAST = NOT_PUBLIC.stream().mapToLong(Prefix::lastV4).toArray();

    static {
        long excluded = 0;
        for (Prefix p : NOT_PUBLIC) excluded += p.lastV4() - p.firstV4() + 1;
        SIZE = (1L << 32) - excluded;
    }

    /**
     * How many public addresses each route wins (longest-prefix match), in table order of the
     * segments; a null route counts the addresses no route covers.
     */
    static List<Covered> coverage(RoutingTable table) {
        return CACHE.computeIfAbsent(table, PublicSpace::compute);
    }

    // one routing table is asked about for every path; tables are compared by identity
    private static final Map<RoutingTable, List<Covered>> CACHE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** How many public addresses {@code route} wins; a null route stands for those no route covers. */
    record Covered(Route route, long count) {}

    private static List<Covered> compute(RoutingTable table) {
        // summed by identity (a table's routes are distinct objects; hashing the records deeply
        // for 100k+ segments cost more than the counting), listed in segment order
        Map<Route, long[]> sums = new java.util.IdentityHashMap<>();
        List<Route> order = new java.util.ArrayList<>();
        long uncovered = 0;
        for (RoutingTable.Segment s : table.segments()) {
            long count = s.size(), first = s.first(), last = s.last();
            for (int i = 0; i < EXCLUDED_FIRST.length; i++) {
                long lo = Math.max(first, EXCLUDED_FIRST[i]), hi = Math.min(last, EXCLUDED_LAST[i]);
                if (lo <= hi) count -= hi - lo + 1;
            }
            if (count <= 0) continue;
            if (s.route() == null) {
                if (uncovered == 0) order.add(null);
                uncovered += count;
                continue;
            }
            long[] sum = sums.get(s.route());
            if (sum == null) {
                sums.put(s.route(), sum = new long[1]);
                order.add(s.route());
            }
            sum[0] += count;
        }
        List<Covered> out = new java.util.ArrayList<>(order.size());
        for (Route r : order) out.add(new Covered(r, r == null ? uncovered : sums.get(r)[0]));
        return List.copyOf(out);
    }
}
