package ops.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.net.IpAddress;
import ops.net.Prefix;
import ops.pfsense.FirewallInterface;
import ops.pfsense.PfSenseConfig;
import ops.route.Route;
import ops.route.RoutingTable;

/**
 * Which interface holds which of the firewall's own addresses. With {@code ifconfig -a} read,
 * that is what it says. Without it (older snapshots), only what the routes prove:
 * <ul>
 * <li>a static address in config.xml;</li>
 * <li>a connected route on exactly one interface that contains the address (OpenVPN subnet
 *     topology, LANs);</li>
 * <li>a route whose next hop is the address itself ({@code 10.8.0.0/24 10.8.0.2 UGS ovpnc1}: OpenVPN's
 *     subnet topology where it routes the pool via its own address; FreeBSD's OpenVPN ≤ 2.5 routes it
 *     via network+1 instead, which the next rule covers);</li>
 * <li>FreeBSD 12's lo0 host route naming the owner's {@code link#N}, the same N as a route on
 *     the owner (FreeBSD 14 prints lo0's own index there, which proves nothing);</li>
 * <li>net30: the peer host route on the tunnel and exactly one local address in the peer's /30.</li>
 * </ul>
 * Anything else (p2p tunnels with unrelated addresses on FreeBSD 14) stays unknown, with why.
 * Pure: no I/O.
 */
final class AddressInference {
    private AddressInference() {}

    static final String ADD_IFCONFIG = "add ifconfig.txt (`ifconfig -a` on the firewall) to the snapshot";

    static FirewallAddresses of(PfSenseConfig config, RoutingTable routes, Optional<List<FirewallInterface>> ifconfig) {
        FirewallAddresses out = new FirewallAddresses(ifconfig.isPresent());
        if (ifconfig.isPresent()) {
            for (FirewallInterface i : ifconfig.get()) {
                for (FirewallInterface.Address a : i.addresses()) {
                    if (isLoopback(a.local())) continue;
                    out.add(new FirewallAddresses.Owned(i.device(), a.local(), a.prefixLen(), a.remote(), "ifconfig.txt"));
                }
            }
            for (IpAddress a : lo0Hosts(routes.routes(IpAddress.Family.INET))) out.addUnplaced(a); // a VIP or alias ifconfig did not list stays local
            for (PfSenseConfig.Interface i : config.interfaces()) {
                if (i.enabled() && out.on(i.device()).isEmpty()) {
                    out.unknown(i.device(), "ifconfig.txt shows no IPv4 address on " + i.device() + " (interface down or missing)");
                }
            }
            return out;
        }
        for (PfSenseConfig.Interface i : config.interfaces()) {
            Optional<IpAddress> stat = IpAddress.tryParse(i.ipaddr()).filter(IpAddress::isV4);
            if (i.enabled() && stat.isPresent()) {
                out.add(new FirewallAddresses.Owned(i.device(), stat.get(), length(i.subnet()), Optional.empty(), "config.xml"));
            }
        }
        List<Route> v4 = routes.routes(IpAddress.Family.INET);
        Index ix = new Index(v4, lo0Hosts(v4));
        for (IpAddress a : ix.locals) {
            if (out.ownerOf(a).isPresent()) continue;
            Optional<FirewallAddresses.Owned> o = byConnectedRoute(ix, a)
                    .or(() -> byNextHop(ix, a))
                    .or(() -> byOwnerLink(ix, a))
                    .or(() -> byNet30(ix, a));
            if (o.isPresent()) out.add(o.get()); else out.addUnplaced(a);
        }
        for (PfSenseConfig.Interface i : config.interfaces()) {
            if (!i.enabled() || !out.on(i.device()).isEmpty()) continue;
            boolean p2p = ix.peers.stream().anyMatch(r -> r.netif().equals(i.device()));
            out.unknown(i.device(), "the firewall's own address on " + i.device() + " cannot be told from the routes"
                    + (p2p ? " (a point-to-point tunnel: its address is only a lo0 host route)" : "") + "; " + ADD_IFCONFIG);
        }
        return out;
    }

    /** The few routes inference looks at, gathered in one pass (tables have 100k routes, most via gateways). */
    private static final class Index {
        final Set<IpAddress> locals;
        final List<Route> connected = new ArrayList<>();   // on an interface, not a host, not via a gateway
        final List<Route> peers = new ArrayList<>();       // host routes on an interface (p2p peers)
        final List<Route> viaLocal = new ArrayList<>();    // via one of our own addresses
        final Map<IpAddress, String> lo0Link = new LinkedHashMap<>();
        final Map<String, Set<String>> linkOwners = new LinkedHashMap<>();
        String loLink = "";

        Index(List<Route> v4, Set<IpAddress> locals) {
            this.locals = locals;
            Set<String> localTexts = new java.util.HashSet<>();
            for (IpAddress a : locals) localTexts.add(a.toString());
            for (Route r : v4) {
                if (r.destination().isEmpty()) continue;
                Prefix p = r.destination().get();
                if (r.netif().startsWith("lo")) {
                    if (r.rawDestination().equals("127.0.0.1")) loLink = r.gateway();
                    else if (p.isHost()) lo0Link.put(p.network(), r.gateway());
                    continue;
                }
                if (r.gateway().startsWith("link#")) linkOwners.computeIfAbsent(r.gateway(), k -> new LinkedHashSet<>()).add(r.netif());
                if (r.viaGateway()) {
                    // compare the text first: parsing 100k gateway addresses would cost more than the rest
                    if (!r.isDefault() && localTexts.contains(r.gateway())) viaLocal.add(r);
                } else if (isHost(r)) {
                    peers.add(r);
                } else if (!p.isHost() && !r.isDefault()) {
                    connected.add(r);
                }
            }
        }
    }

    private static Optional<FirewallAddresses.Owned> byConnectedRoute(Index ix, IpAddress a) {
        Map<String, Route> holders = new LinkedHashMap<>();
        for (Route r : ix.connected) {
            if (r.destination().get().contains(a)) holders.putIfAbsent(r.netif(), r);
        }
        if (holders.size() != 1) return Optional.empty();
        Route r = holders.values().iterator().next();
        return Optional.of(new FirewallAddresses.Owned(r.netif(), a, r.destination().get().length(), Optional.empty(),
                "routes: connected " + r.destination().get() + " on " + r.netif()));
    }

    private static Optional<FirewallAddresses.Owned> byNextHop(Index ix, IpAddress a) {
        for (Route r : ix.viaLocal) {
            if (r.gatewayAddress().map(a::equals).orElse(false) && r.destination().get().contains(a)) {
                return Optional.of(new FirewallAddresses.Owned(r.netif(), a, r.destination().get().length(), Optional.empty(),
                        "routes: " + r.destination().get() + " via itself on " + r.netif()));
            }
        }
        return Optional.empty();
    }

    private static Optional<FirewallAddresses.Owned> byOwnerLink(Index ix, IpAddress a) {
        String link = ix.lo0Link.getOrDefault(a, "");
        if (!link.startsWith("link#") || ix.loLink.isEmpty() || link.equals(ix.loLink)) return Optional.empty();
        Set<String> owners = ix.linkOwners.getOrDefault(link, Set.of());
        if (owners.size() != 1) return Optional.empty();
        String dev = owners.iterator().next();
        Optional<IpAddress> peer = ix.peers.stream().filter(r -> r.netif().equals(dev) && r.gateway().equals(link))
                .map(r -> r.destination().get().network()).findFirst();
        return Optional.of(new FirewallAddresses.Owned(dev, a, 32, peer, "routes: lo0 host route names " + link + ", as " + dev + "'s routes do"));
    }

    private static Optional<FirewallAddresses.Owned> byNet30(Index ix, IpAddress a) {
        List<FirewallAddresses.Owned> found = new ArrayList<>();
        for (Route r : ix.peers) {
            IpAddress peer = r.destination().get().network();
            if (peer.equals(a) || peer.masked(30).lo() != a.masked(30).lo()) continue;
            // OpenVPN's net30 layout: the client holds base+2 with the peer base+1; the server base+1 with base+2
            long lp = a.lo() & 3, pp = peer.lo() & 3;
            if (!(lp == 2 && pp == 1 || lp == 1 && pp == 2)) continue;
            long others = ix.locals.stream().filter(l -> l.masked(30).lo() == peer.masked(30).lo()).count();
            if (others != 1) continue;
            found.add(new FirewallAddresses.Owned(r.netif(), a, 32, Optional.of(peer),
                    "routes: net30, the only local address in peer " + peer + "'s /30 on " + r.netif()));
        }
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /** Local addresses: the host routes FreeBSD keeps on lo0 for each of them, loopback aside. */
    static Set<IpAddress> lo0Hosts(List<Route> v4) {
        Set<IpAddress> out = new LinkedHashSet<>();
        for (Route r : v4) {
            if (r.netif().startsWith("lo") && r.destination().map(Prefix::isHost).orElse(false)
                    && !isLoopback(r.destination().get().network())) {
                out.add(r.destination().get().network());
            }
        }
        return out;
    }

    /** A host route to a neighbour on an interface: a point-to-point peer (or an ARP entry). */
    private static boolean isHost(Route r) {
        return r.destination().map(Prefix::isHost).orElse(false) && r.flags().indexOf('H') >= 0;
    }

    private static boolean isLoopback(IpAddress a) {
        return a.isV4() && (a.lo() >>> 24) == 127;
    }

    private static int length(String subnet) {
        try {
            int n = Integer.parseInt(subnet.strip());
            return n >= 0 && n <= 32 ? n : 32;
        } catch (NumberFormatException e) {
            return 32;
        }
    }
}
