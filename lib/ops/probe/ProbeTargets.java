package ops.probe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.audit.EdgeNatPaths;
import ops.audit.EdgePublicAddress;
import ops.audit.PathRow;
import ops.base.OpsException;
import ops.edge.EdgeInterface;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.IpAddress;

/**
 * The paths to probe: exactly route-audit's path rows (so a measurement always has its
 * prediction), each joined with the edge's DNAT rule it comes from. No I/O.
 */
public final class ProbeTargets {
    private ProbeTargets() {}

    /**
     * @param rows      the analyzer's path matrix for the same topology
     * @param gateways  only these gateways (empty: all)
     * @param port      only paths published on this port
     */
    public static List<ProbeTarget> select(Topology t, List<PathRow> rows, List<String> gateways, Optional<Integer> port) {
        for (String g : gateways) {
            if (t.gateway(g).isEmpty()) {
                throw new OpsException("unknown gateway " + g + " on " + t.name() + "; known gateways: " + t.gatewayNames());
            }
        }
        List<ProbeTarget> all = of(t, rows);
        List<ProbeTarget> out = all.stream()
                .filter(p -> gateways.isEmpty() || gateways.contains(p.gateway()))
                .filter(p -> port.isEmpty() || p.port() == port.get())
                .toList();
        if (out.isEmpty()) {
            String which = (gateways.isEmpty() ? "" : " via " + String.join(", ", gateways)) + port.map(p -> " on port " + p).orElse("");
            String published = all.stream().filter(p -> gateways.isEmpty() || gateways.contains(p.gateway()))
                    .map(ProbeTarget::label).distinct().reduce((a, b) -> a + ", " + b).orElse("none");
            throw new OpsException(t.name() + ": no published path" + which + " (the edges publish: " + published
                    + "); check --gateway/--port, or give the edges with --edge GATEWAY=HOST so their DNAT rules are read");
        }
        return out;
    }

    static List<ProbeTarget> of(Topology t, List<PathRow> rows) {
        // route-audit emits an edge's paths in rule order; several rules may publish the same service
        Map<String, Deque<EdgeNatPaths.Published>> published = new HashMap<>();
        for (Gateway g : t.gateways()) {
            Optional<Edge> e = t.edge(g.name());
            if (e.isEmpty()) continue;
            for (EdgeNatPaths.Published p : EdgeNatPaths.intoTunnel(t, e.get(), g)) {
                published.computeIfAbsent(g.name() + " " + p.service(), k -> new ArrayDeque<>()).add(p);
            }
        }
        List<ProbeTarget> out = new ArrayList<>();
        for (PathRow row : rows) {
            Gateway g = t.gateway(row.gateway()).orElseThrow();
            EdgeNatPaths.Published p = published.getOrDefault(row.gateway() + " " + row.service(), new ArrayDeque<>()).poll();
            Optional<Edge> edge = t.edge(g.name());
            Set<IpAddress> edgeAddresses = edgeAddresses(g, edge);
            String[] fwd = row.edgeSendsTo().split(":");
            IpAddress edgeSendsTo = IpAddress.tryParse(fwd[0]).orElse(IpAddress.v4(0));
            int edgeSendsToPort = fwd.length > 1 ? Integer.parseInt(fwd[1]) : 0;
            if (p == null) {
                int port = firstPort(row.service());
                out.add(new ProbeTarget(g.name(), g.device(), row.service(), port, Optional.empty(),
                        "the edge's NAT rules were not read (give --edge " + g.name() + "=HOST), so its public address cannot be told",
                        edgeSendsTo, edgeSendsToPort, edgeAddresses, row));
            } else if (!p.protocol().equals("tcp")) {
                out.add(new ProbeTarget(g.name(), g.device(), row.service(), p.publicPort(), Optional.empty(),
                        "source-ip-check makes TCP connections only", edgeSendsTo, edgeSendsToPort, edgeAddresses, row));
            } else {
                EdgePublicAddress.Answer a = EdgePublicAddress.of(p.rule(), edge.orElseThrow());
                out.add(new ProbeTarget(g.name(), g.device(), row.service(), p.publicPort(), a.address(),
                        a.address().isPresent() ? a.how() : "cannot tell the edge's public address: " + a.how(),
                        p.to(), p.toPort(), edgeAddresses, row));
            }
        }
        return out;
    }

    /** What arrives when the edge masquerades: its tunnel address (the gateway's) or another of its own. */
    private static Set<IpAddress> edgeAddresses(Gateway g, Optional<Edge> edge) {
        Set<IpAddress> out = new LinkedHashSet<>();
        g.address().ifPresent(out::add);
        edge.ifPresent(e -> {
            for (EdgeInterface i : e.interfaces()) {
                for (EdgeInterface.Address a : i.addresses()) {
                    if (a.local().isV4() && !a.local().toString().startsWith("127.")) out.add(a.local());
                }
            }
        });
        return java.util.Collections.unmodifiableSet(out);
    }

    private static int firstPort(String service) {
        try {
            return Integer.parseInt(service.substring(service.indexOf('/') + 1).split("[:,-]")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
