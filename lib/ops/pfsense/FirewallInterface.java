package ops.pfsense;

import java.util.List;
import java.util.Optional;
import ops.net.IpAddress;

/**
 * One interface of the firewall as FreeBSD's {@code ifconfig -a} prints it.
 *
 * @param device   the OS name (em0, ovpnc1, tun_wg0, vmx0.10)
 * @param up       the UP flag
 * @param addresses its IPv4 addresses, in the order printed
 * @param groups   the "groups:" line (tun openvpn, wg WireGuard, ...)
 */
public record FirewallInterface(String device, boolean up, List<Address> addresses, List<String> groups) {

    /**
     * {@code inet LOCAL [--> PEER] netmask 0x...}: a point-to-point tunnel (OpenVPN net30/p2p) names
     * its far end after "-->"; OpenVPN's subnet topology on FreeBSD prints the local address there.
     *
     * @param vhid set for a CARP virtual address
     */
    public record Address(IpAddress local, int prefixLen, Optional<IpAddress> peer, boolean vhid) {
        /** The far end of a point-to-point link, when it is not this address itself. */
        public Optional<IpAddress> remote() {
            return peer.filter(p -> !p.equals(local));
        }
    }
}
