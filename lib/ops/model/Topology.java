package ops.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.net.IpAddress;
import ops.pfsense.PfRule;
import ops.pfsense.PfSenseConfig;
import ops.route.RoutingTable;

/**
 * The one model of the network: the firewall's config and live state joined with its edges.
 * Built by {@link TopologyBuilder}; read by the analyzer and by change plans.
 *
 * @param addresses      the firewall's own addresses and which interface holds each (ifconfig, else inferred)
 * @param pfRules        the live ruleset, when `pfctl -sr` was read
 * @param statusRead     whether gateway status was read (otherwise every gateway counts as up)
 */
public record Topology(String name, PfSenseConfig config, List<Gateway> gateways, DefaultGateway defaultGateway,
                       RoutingTable routes, FirewallAddresses addresses, Optional<List<PfRule>> pfRules,
                       boolean statusRead, Map<String, Edge> edges) {

    /** Every address of the firewall itself. */
    public Set<IpAddress> localAddresses() { return addresses.all(); }

    public Optional<Gateway> gateway(String name) {
        return gateways.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<PfSenseConfig.GatewayGroup> group(String name) {
        return config.gatewayGroups().stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** The gateway whose next hop is this address (IPv4 first). */
    public Optional<Gateway> gatewayByAddress(IpAddress a) {
        return gateways.stream().filter(g -> g.address().map(a::equals).orElse(false)).findFirst();
    }

    public Optional<Gateway> gatewayByDevice(String device) {
        return gateways.stream().filter(g -> g.isV4() && g.device().equals(device)).findFirst();
    }

    public Optional<Edge> edge(String gateway) { return Optional.ofNullable(edges.get(gateway)); }

    /** The firewall's own addresses on the gateway's device. */
    public List<IpAddress> ownAddresses(Gateway g) {
        return addresses.on(g.device()).stream().map(FirewallAddresses.Owned::address).toList();
    }

    /** The edge's interface into this gateway's tunnel (see {@link Edge#tunnelFor}). */
    public Optional<ops.edge.EdgeInterface> tunnel(Edge e, Gateway g) {
        return e.tunnelFor(g, ownAddresses(g));
    }

    /** The same network with one edge's state replaced: for "what if" before a change. */
    public Topology withEdge(Edge e) {
        Map<String, Edge> copy = new java.util.LinkedHashMap<>(edges);
        copy.put(e.gateway(), e);
        return new Topology(name, config, gateways, defaultGateway, routes, addresses, pfRules, statusRead, copy);
    }

    /** The same network with another configured default gateway and routing table: for "what if". */
    public Topology withDefault(DefaultGateway d, RoutingTable table) {
        return new Topology(name, config, gateways, d, table, addresses, pfRules, statusRead, edges);
    }

    /** Gateway names for "unknown gateway" messages. */
    public String gatewayNames() {
        return gateways.isEmpty() ? "(none)" : String.join(", ", gateways.stream().map(Gateway::name).toList());
    }
}
