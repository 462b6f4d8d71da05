package ops.model;

import java.util.List;
import java.util.Optional;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.route.RoutingTable;

/** What is known of the edge behind one gateway; empty parts were not read. */
public record Edge(String gateway, Optional<EdgeNat> nat, List<EdgeInterface> interfaces, Optional<RoutingTable> routes) {

    public boolean natRead() { return nat.isPresent(); }

    /** The edge interface that faces the firewall: the one holding the gateway's address (never guessed). */
    public Optional<EdgeInterface> tunnelFor(Gateway gateway) {
        if (gateway.address().isEmpty()) return Optional.empty();
        for (EdgeInterface i : interfaces) {
            for (EdgeInterface.Address a : i.addresses()) {
                if (a.local().equals(gateway.address().get())) return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
