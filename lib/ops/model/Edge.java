package ops.model;

import java.util.List;
import java.util.Optional;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.net.IpAddress;
import ops.net.Prefix;
import ops.route.RoutingTable;

/** What is known of the edge behind one gateway; empty parts were not read. */
public record Edge(String gateway, Optional<EdgeNat> nat, List<EdgeInterface> interfaces, Optional<RoutingTable> routes) {

    public boolean natRead() { return nat.isPresent(); }

    /**
     * The edge interface that faces the firewall, never guessed: the one holding the gateway's
     * address (OpenVPN subnet topology, WireGuard); else, as in net30/p2p where the gateway is a
     * virtual address no interface of the edge holds, the one whose peer or subnet is the
     * firewall's own tunnel address, or the one the edge routes that address by.
     *
     * @param firewallSide the firewall's own addresses on the gateway's device
     */
    public Optional<EdgeInterface> tunnelFor(Gateway gateway, List<IpAddress> firewallSide) {
        for (EdgeInterface i : interfaces) {
            for (EdgeInterface.Address a : i.addresses()) {
                if (gateway.address().map(a.local()::equals).orElse(false)) return Optional.of(i);
            }
        }
        for (IpAddress fw : firewallSide) {
            for (EdgeInterface i : interfaces) {
                for (EdgeInterface.Address a : i.addresses()) {
                    if (a.peer().map(fw::equals).orElse(false)) return Optional.of(i);
                    if (a.local().isV4() && a.peer().isEmpty() && a.prefixLen() < 32 && !a.local().equals(fw)
                            && new Prefix(a.local(), a.prefixLen()).contains(fw)) {
                        return Optional.of(i);
                    }
                }
            }
        }
        if (routes.isPresent()) {
            for (IpAddress fw : firewallSide) {
                Optional<String> dev = routes.get().lookup(fw).filter(r -> !r.isDefault()).map(r -> r.netif());
                Optional<EdgeInterface> i = dev.flatMap(d -> interfaces.stream().filter(e -> e.name().equals(d)).findFirst());
                if (i.isPresent()) return i;
            }
        }
        return Optional.empty();
    }
}
