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
        Topology t = TopologyBuilder.build(net.read());
        Gateway g = t.gateway(gatewayName).orElseThrow(() -> new OpsException(
                "unknown gateway " + gatewayName + " on " + net.firewallName() + "; known gateways: " + t.gatewayNames()));
        if (!g.isV4() || !g.isVpn()) {
            throw new OpsException(g.name() + " is not an IPv4 OpenVPN or WireGuard gateway (" + g.device() + "); nat-toggle works on the gateways that lead to edges");
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
