package ops.model;

import java.util.List;
import java.util.Optional;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.route.RoutingTable;

/** What is known of the edge behind one gateway; empty parts were not read. */
public record Edge(String gateway, Optional<EdgeNat> nat, List<EdgeInterface> interfaces, Optional<RoutingTable> routes) {

    public boolean natRead() { return nat.isPresent(); }
}
