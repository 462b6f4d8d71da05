package ops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.pfsense.PfSenseConfig;

/**
 * The network as a diagram draws it, beside the path matrix: each IPv4 gateway with what is known
 * of its edge, where the live default route points, and the failover groups with their tiers.
 * Facts read from the Topology only; what they mean stays in the findings.
 *
 * @param defaultRoute      the gateway the live table sends public destinations by ("none" when none)
 * @param configuredDefault what config.xml sets ("EDGE1_VPNV4", "group WANGW", "automatic", "none")
 */
public record Landscape(List<Node> gateways, String defaultRoute, String configuredDefault, List<Group> groups) {

    public static final Landscape NONE = new Landscape(List.of(), "none", "none", List.of());

    /**
     * @param descr         the gateway's description in config.xml (or its interface's), as written
     * @param address       the next hop, the edge's end of the tunnel ("dynamic (unknown)" when not read)
     * @param edgeAddresses the public addresses the edge publishes on; empty when its rules were not read or name none
     * @param edgeRead      whether the edge's NAT rules were read
     */
    public record Node(String gateway, String descr, String device, String address, List<String> edgeAddresses,
                       boolean edgeRead, boolean down) {}

    /** A gateway group; tiers.get(0) holds the gateways of tier 1 (tried first). */
    public record Group(String name, List<List<String>> tiers) {}

    static Landscape of(Topology t) {
        List<Node> nodes = new ArrayList<>();
        for (Gateway g : t.gateways()) {
            if (!g.isV4() || g.disabled()) continue;
            List<String> published = new ArrayList<>();
            Edge edge = t.edge(g.name()).orElse(null);
            if (edge != null && edge.natRead()) {
                for (EdgeNatPaths.Published p : EdgeNatPaths.intoTunnel(t, edge, g)) {
                    EdgePublicAddress.of(p.rule(), edge).address().map(Object::toString)
                            .filter(a -> !published.contains(a)).ifPresent(published::add);
                }
            }
            nodes.add(new Node(g.name(), descr(t, g), g.device(), g.addressText(), List.copyOf(published),
                    edge != null && edge.natRead(), g.isDown()));
        }
        List<Group> groups = new ArrayList<>();
        for (PfSenseConfig.GatewayGroup gg : t.config().gatewayGroups()) {
            Map<Integer, List<String>> tiers = new TreeMap<>();
            for (PfSenseConfig.GatewayGroup.Member m : gg.members()) tiers.computeIfAbsent(m.tier(), k -> new ArrayList<>()).add(m.gateway());
            groups.add(new Group(gg.name(), tiers.values().stream().map(List::copyOf).toList()));
        }
        return new Landscape(List.copyOf(nodes), DefaultGatewayChecks.liveDefault(t), t.defaultGateway().describe(), List.copyOf(groups));
    }

    private static String descr(Topology t, Gateway g) {
        return t.config().gateways().stream().filter(i -> i.name().equals(g.name())).map(PfSenseConfig.GatewayItem::descr)
                .filter(d -> !d.isEmpty()).findFirst()
                .orElseGet(() -> t.config().interfaces().stream().filter(i -> i.key().equals(g.interfaceKey()))
                        .map(PfSenseConfig.Interface::descr).findFirst().orElse(""));
    }
}
