package ops.audit;

import java.util.List;
import java.util.Optional;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.route.Route;

/**
 * Where the firewall's routing table sends a reply when no reply-to pins it: to one address
 * (a masquerading edge) or to "any public client", for which the share of the public IPv4
 * space routed back through the arrival gateway is computed (0.0.0.0/1 + 128.0.0.0/1 and
 * other specific routes win over the default route).
 *
 * @param shareViaGateway fraction of the destinations routed back through the arrival gateway
 * @param via             the gateway (or interface) most of them leave by
 */
record ReplyRoute(double shareViaGateway, String via) {

    /**
     * Symmetric for practically every client: a few host routes (say to the edges' own public
     * addresses via the WAN) must not turn a working path into a "triangular" one.
     */
    static final double SYMMETRIC_SHARE = 0.999;

    boolean symmetric() { return shareViaGateway >= SYMMETRIC_SHARE; }

    static ReplyRoute toAddress(Topology t, IpAddress dst, Gateway arrival) {
        Optional<Route> r = t.routes().lookup(dst);
        if (r.isEmpty()) return new ReplyRoute(0, "no route");
        return new ReplyRoute(r.get().netif().equals(arrival.device()) ? 1 : 0, name(t, r.get()));
    }

    static ReplyRoute toPublicClients(Topology t, Gateway arrival) {
        List<PublicSpace.Covered> coverage = PublicSpace.coverage(t.routes());
        long via = 0;
        Route top = null;
        long topCount = -1;
        for (PublicSpace.Covered e : coverage) {
            Route r = e.route();
            if (r != null && !r.rejects() && r.netif().equals(arrival.device())) via += e.count();
            if (e.count() > topCount) { top = r; topCount = e.count(); }
        }
        double share = (double) via / PublicSpace.SIZE;
        // when part of the space returns correctly, name the biggest part that does not
        if (share > 0 && share < 1) {
            topCount = -1;
            for (PublicSpace.Covered e : coverage) {
                Route r = e.route();
                boolean back = r != null && !r.rejects() && r.netif().equals(arrival.device());
                if (!back && e.count() > topCount) { top = r; topCount = e.count(); }
            }
        }
        return new ReplyRoute(share, top == null ? "no route" : name(t, top));
    }

    /** The route that wins for most of the public address space, if any route covers it. */
    static Optional<Route> mainRoute(Topology t) {
        Route top = null;
        long topCount = -1;
        for (PublicSpace.Covered e : PublicSpace.coverage(t.routes())) {
            if (e.count() > topCount) { top = e.route(); topCount = e.count(); }
        }
        return Optional.ofNullable(top);
    }

    /** A route as a gateway name when we know one, else its interface. */
    static String name(Topology t, Route r) {
        if (r.rejects()) return "blackhole";
        Optional<Gateway> g = r.gatewayAddress().flatMap(t::gatewayByAddress);
        if (g.isEmpty()) g = t.gatewayByDevice(r.netif());
        return g.map(Gateway::name).orElse(r.netif());
    }
}
