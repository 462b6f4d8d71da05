package ops.route;

import java.util.Optional;
import ops.net.IpAddress;
import ops.net.Prefix;

/**
 * One routing-table entry as the OS printed it.
 *
 * @param destination the prefix ("default" becomes /0); empty when the OS printed a name we
 *                    cannot read as a prefix (netstat truncates long IPv6 names without -W)
 * @param rawDestination the text as printed
 * @param gateway     as printed: an address, "link#N", a MAC, or "" for none
 * @param flags       BSD flags (U, G, H, S, B, R, ...); Linux routes get equivalent flags
 * @param netif       outgoing interface (em0, ovpnc1, lo0, eth0...)
 */
public record Route(IpAddress.Family family, Optional<Prefix> destination, String rawDestination,
                    String gateway, String flags, String netif) {

    public boolean viaGateway() { return flags.indexOf('G') >= 0; }

    public boolean rejects() { return flags.indexOf('B') >= 0 || flags.indexOf('R') >= 0; }

    /** The next hop's address when the route goes through a gateway. */
    public Optional<IpAddress> gatewayAddress() {
        return viaGateway() ? IpAddress.tryParse(gateway) : Optional.empty();
    }

    public boolean isDefault() { return destination.map(p -> p.length() == 0).orElse(false); }
}
