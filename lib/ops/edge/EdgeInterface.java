package ops.edge;

import java.util.List;
import java.util.Optional;
import ops.net.IpAddress;

/** An interface of an edge with its IPv4/IPv6 addresses, from {@code ip -j addr}. */
public record EdgeInterface(String name, boolean up, List<Address> addresses) {

    /** local/prefixLen; peer is the far end of a point-to-point link (OpenVPN's "peer" address). */
    public record Address(IpAddress local, int prefixLen, Optional<IpAddress> peer) {}
}
