package ops.probe;

import java.util.Optional;
import java.util.Set;
import ops.audit.PathRow;
import ops.net.IpAddress;

/**
 * One published path to probe: the edge's public address and port, where the edge sends it on
 * the firewall (the gateway's device, the tunnel address and port), and the addresses the edge
 * could masquerade as.
 *
 * @param service       "tcp/80", as route-audit's path matrix names it
 * @param address       the edge's public address; empty when it cannot be told (see {@code addressFrom})
 * @param addressFrom   how the address was learned ("the DNAT rule's destination"), or why it cannot be told
 * @param edgeAddresses the gateway's address and every address of the edge: what arrives when it masquerades
 * @param prediction    route-audit's row for this path (the target is made from it)
 */
public record ProbeTarget(String gateway, String device, String service, int port, Optional<IpAddress> address,
                          String addressFrom, IpAddress edgeSendsTo, int edgeSendsToPort, Set<IpAddress> edgeAddresses,
                          PathRow prediction) {

    public boolean probeable() { return address.isPresent(); }

    /** "203.0.113.11:80", or "?:80" when the address cannot be told. */
    public String endpoint() { return address.map(IpAddress::toString).orElse("?") + ":" + port; }

    /** "EDGE1_VPNV4 tcp/80", how messages name the path. */
    public String label() { return gateway + " " + service; }
}
