package ops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.Prefix;
import ops.pfsense.PfSenseConfig;
import ops.pfsense.PfSenseConfig.FilterRule;

/**
 * Server-initiated traffic that a filter rule policy-routes (route-to) into a VPN gateway
 * whose interface pfSense does not NAT: the edge then receives LAN source addresses and,
 * without a route back, the replies are lost.
 */
final class PolicyRouteChecks {
    private PolicyRouteChecks() {}

    static List<Finding> check(Topology t) {
        List<Finding> out = new ArrayList<>();
        Match match = new Match(t);
        for (FilterRule r : t.config().filterRules()) {
            if (r.disabled() || r.gateway().isEmpty() || !PassRule.type(r).equals("pass") || !Match.ipv4(r.ipprotocol())) continue;
            for (Gateway g : members(t, r.gateway())) {
                if (!g.isVpn() || r.interfaces().contains(g.interfaceKey())) continue;
                if (natsOut(t.config().outboundNat(), g)) continue;
                List<Prefix> sources = sources(t, match, r);
                Optional<Edge> edge = t.edge(g.name());
                boolean routedBack = edge.flatMap(Edge::routes).map(rt -> !sources.isEmpty() && sources.stream()
                        .allMatch(s -> rt.lookup(s.network()).map(x -> !x.isDefault()).orElse(false))).orElse(false);
                if (routedBack) continue;
                String mode = t.config().outboundNat().mode().isEmpty() ? "automatic" : t.config().outboundNat().mode();
                String name = r.descr().isEmpty() ? "tracker " + r.tracker() : r.descr();
                out.add(new Finding(Code.POLICY_ROUTE_WITHOUT_NAT, g.name() + " rule '" + name + "'",
                        "rule '" + name + "' on " + String.join(",", r.interfaces()) + " sends traffic out " + g.name() + " (" + g.device()
                                + ") with its own source addresses: outbound NAT is " + mode
                                + (mode.equals("automatic") ? " (which never NATs OpenVPN interfaces)" : " with no rule for " + g.interfaceKey())
                                + (edge.flatMap(Edge::routes).isPresent() ? " and the edge has no route back to "
                                + (sources.isEmpty() ? "those sources" : sources.toString())
                                : " and the edge's routes were not read") + "; replies to those connections are lost",
                        FixCommand.natToggle(g.name(), "on") + " --firewall-nat (a hybrid outbound NAT rule on " + g.interfaceKey()
                                + "), or route the LAN back through the tunnel on the edge"));
            }
        }
        return out;
    }

    private static List<Gateway> members(Topology t, String name) {
        Optional<Gateway> g = t.gateway(name);
        if (g.isPresent()) return List.of(g.get());
        return t.group(name).map(grp -> grp.members().stream().map(m -> t.gateway(m.gateway()))
                .flatMap(Optional::stream).toList()).orElse(List.of());
    }

    /** Hybrid/advanced outbound NAT with an active, translating rule on the gateway's interface. */
    private static boolean natsOut(PfSenseConfig.OutboundNat nat, Gateway g) {
        if (!nat.mode().equals("hybrid") && !nat.mode().equals("advanced")) return false;
        return nat.rules().stream().anyMatch(r -> !r.disabled() && !r.nonat() && r.interfaceKey().equals(g.interfaceKey()));
    }

    private static List<Prefix> sources(Topology t, Match match, FilterRule r) {
        PfSenseConfig.Endpoint s = r.source();
        if (!s.network().isEmpty()) {
            return t.config().interfaceByKey(s.network()).map(match::subnetsOfInterface).orElse(List.of());
        }
        return s.address().isEmpty() ? List.of() : match.prefixes(s.address());
    }
}
