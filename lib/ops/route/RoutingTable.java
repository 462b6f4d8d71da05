package ops.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.net.IpAddress;
import ops.net.Prefix;

/**
 * A routing table with longest-prefix match. IPv4 is pre-split into disjoint segments
 * (each address range mapped to the route that wins there), so a lookup is a binary search
 * and "which share of the address space leaves by X" is a walk over the segments.
 */
public final class RoutingTable {
    private final List<Route> routes;
    private List<Segment> v4Segments; // built on first use

    /** A range [first, last] of IPv4 addresses (unsigned) where {@code route} wins; route is null where none does. */
    public record Segment(long first, long last, Route route) {
        public long size() { return last - first + 1; }
    }

    public RoutingTable(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<Route> routes() { return routes; }

    public List<Route> routes(IpAddress.Family family) {
        return routes.stream().filter(r -> r.family() == family).toList();
    }

    public boolean isEmpty(IpAddress.Family family) {
        return routes.stream().noneMatch(r -> r.family() == family);
    }

    /** Longest-prefix match. */
    public Optional<Route> lookup(IpAddress a) {
        if (a.isV4()) {
            List<Segment> segs = segments();
            int lo = 0, hi = segs.size() - 1;
            long v = a.lo();
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                Segment s = segs.get(mid);
                if (v < s.first()) hi = mid - 1;
                else if (v > s.last()) lo = mid + 1;
                else return Optional.ofNullable(s.route());
            }
            return Optional.empty();
        }
        Route best = null;
        for (Route r : routes) {
            if (r.destination().isPresent() && r.destination().get().contains(a)
                    && (best == null || r.destination().get().length() > best.destination().get().length())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The IPv4 address space cut into disjoint segments by longest-prefix match. */
    public synchronized List<Segment> segments() {
        if (v4Segments == null) v4Segments = buildSegments();
        return v4Segments;
    }

    private List<Segment> buildSegments() {
        List<Route> v4 = new ArrayList<>();
        Set<Prefix> seen = new HashSet<>();
        for (Route r : routes) {
            // the first entry for a prefix wins, as the OS lists the preferred one first
            if (r.family() == IpAddress.Family.INET && r.destination().isPresent() && seen.add(r.destination().get())) {
                v4.add(r);
            }
        }
        v4.sort(Comparator.comparingLong((Route r) -> r.destination().get().firstV4())
                .thenComparingInt(r -> r.destination().get().length()));
        List<Segment> out = new ArrayList<>(v4.size() * 2 + 1);
        int[] next = {0};
        fill(null, 0L, 0xFFFF_FFFFL, v4, next, out);
        return out;
    }

    /** Emits segments of [first, last] owned by {@code owner}, recursing into nested prefixes. */
    private static void fill(Route owner, long first, long last, List<Route> sorted, int[] next, List<Segment> out) {
        long cursor = first;
        while (next[0] < sorted.size()) {
            Prefix p = sorted.get(next[0]).destination().get();
            if (p.firstV4() > last) break; // not inside this owner
            Route child = sorted.get(next[0]++);
            if (p.firstV4() > cursor) out.add(new Segment(cursor, p.firstV4() - 1, owner));
            fill(child, p.firstV4(), p.lastV4(), sorted, next, out);
            cursor = p.lastV4() + 1;
        }
        if (cursor <= last) out.add(new Segment(cursor, last, owner));
    }
}
