package ops.nat;

import java.util.List;
import ops.base.OpsException;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.edge.NatRule;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.net.IpAddress;
import ops.remote.Network;

/** What one nat-toggle run saw: the model, the gateway, its edge, the tunnel into pfSense and the rules that masquerade into it. */
record NatScene(Topology topology, Gateway gateway, Edge edge, EdgeInterface tunnel, EdgeNat nat, List<NatRule> masquerade) {

    /** Reads the firewall and the edges; a gateway nat-toggle cannot work on is one line saying why. */
    static NatScene look(Network net, String gatewayName) {
        return look(net, TopologyBuilder.build(net.read()), gatewayName);
    }

    /** The same from a model already read: {@code net} only names hosts in the messages. */
    static NatScene look(Network net, Topology t, String gatewayName) {
        Gateway g = t.gateway(gatewayName).orElseThrow(() -> new OpsException(
                "unknown gateway " + gatewayName + " on " + net.firewallName() + "; known gateways: " + t.gatewayNames()));
        if (!g.isV4() || !g.isVpn()) {
            throw new OpsException(g.name() + " is not an IPv4 OpenVPN or WireGuard gateway (" + g.device() + "); only a gateway that leads to an edge has a masquerade to change");
        }
        if (g.address().isEmpty()) {
            throw new OpsException(g.name() + ": address unknown (no /tmp/" + g.device() + "_router on " + net.firewallName()
                    + "); is the tunnel up?");
        }
        Edge edge = t.edge(g.name()).orElseThrow(() -> new OpsException(net.whyNoEdge(g.name()).orElse("no edge host for " + g.name()
                + ": give --edge " + g.name() + "=HOST or name it in the inventory")));
        EdgeNat nat = edge.nat().orElseThrow(() -> new OpsException(EdgeSide.whyNoRules(net.edge(g.name()))));
        EdgeInterface tunnel = t.tunnel(edge, g).orElseThrow(() -> new OpsException(net.edge(g.name()).name() + ": no interface holds "
                + g.addressText() + ", the address of " + g.name() + ", nor faces the firewall's " + ownText(t, g)
                + "; is this the edge behind " + g.name() + "?"));
        return new NatScene(t, g, edge, tunnel, nat, TunnelMasquerade.rules(nat, tunnel.name()));
    }

    /** The scene from a model alone, when everything it needs was read (no messages: the caller says why not). */
    static java.util.Optional<NatScene> in(Topology t, String gatewayName) {
        java.util.Optional<Gateway> g = t.gateway(gatewayName).filter(x -> x.isV4() && x.isVpn() && x.address().isPresent());
        java.util.Optional<Edge> e = g.flatMap(x -> t.edge(x.name())).filter(Edge::natRead);
        return e.flatMap(edge -> t.tunnel(edge, g.get()).map(tun -> new NatScene(t, g.get(), edge, tun, edge.nat().orElseThrow(),
                TunnelMasquerade.rules(edge.nat().orElseThrow(), tun.name()))));
    }

    /** config.xml's revision when it was read: the firewall's edits are guarded by it. */
    String revision() {
        return topology.config().revision().map(r -> r.time()).orElse("");
    }

    private static String ownText(Topology t, Gateway g) {
        List<IpAddress> own = t.ownAddresses(g);
        return own.isEmpty() ? "tunnel address (unknown: " + t.addresses().unknownWhy(g.device()).orElse("not read") + ")"
                : "tunnel address " + String.join(", ", own.stream().map(Object::toString).toList());
    }
}
