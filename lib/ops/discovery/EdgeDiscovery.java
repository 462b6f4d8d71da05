package ops.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import ops.model.Gateway;
import ops.net.IpAddress;
import ops.pfsense.PfSenseConfig;
import ops.ssh.ConfiguredHost;

/**
 * Finds the edge behind each VPN gateway that no `--edge` or inventory entry names: the
 * gateway's interface, the tunnel behind it, the server config.xml names for that tunnel
 * ({@link TunnelServers}), then the first ssh_config Host (in the order ssh reads its files)
 * whose resolved HostName is that address or name; without one, the address itself, which
 * ssh_config's defaults (Host *, Match) still apply to. Pure: no I/O, every choice with its reason.
 */
public final class EdgeDiscovery {
    private EdgeDiscovery() {}

    /** The gateways an edge stands behind: IPv4 VPN gateways that are not disabled (the ones RA112 speaks of). */
    public static List<Gateway> edgeGateways(List<Gateway> gateways) {
        return gateways.stream().filter(g -> g.isVpn() && g.isV4() && !g.disabled()).toList();
    }

    /** The servers of the gateways that {@code named} does not cover, by gateway name. */
    public static Map<String, TunnelServers.Lookup> unnamed(PfSenseConfig config, List<Gateway> gateways, Map<String, EdgeSource> named) {
        Map<String, TunnelServers.Lookup> out = new TreeMap<>();
        for (Gateway g : edgeGateways(gateways)) {
            if (!named.containsKey(g.name())) out.put(g.name(), TunnelServers.of(config, g));
        }
        return out;
    }

    /**
     * Every gateway's source, sorted by gateway: the named ones as given, the others discovered.
     *
     * @param hosts    ssh_config's Hosts in reading order, each with its resolved HostName
     * @param notEdges aliases that are never an edge (the firewall's own)
     */
    public static List<EdgeSource> choose(PfSenseConfig config, List<Gateway> gateways, Map<String, EdgeSource> named,
                                          List<ConfiguredHost> hosts, Set<String> notEdges) {
        Map<String, EdgeSource> out = new TreeMap<>(named);
        unnamed(config, gateways, named).forEach((gw, lookup) -> out.put(gw, discover(gw, lookup, hosts, notEdges)));
        return List.copyOf(out.values());
    }

    static EdgeSource discover(String gateway, TunnelServers.Lookup lookup, List<ConfiguredHost> hosts, Set<String> notEdges) {
        if (lookup.server().isEmpty()) {
            return new EdgeSource(gateway, Optional.empty(), EdgeSource.Origin.NONE, lookup.why() + "; name its edge with --edge "
                    + gateway + "=HOST", Optional.empty(), Optional.empty());
        }
        TunnelServer server = lookup.server().get();
        String address = server.address();
        List<String> matching = new ArrayList<>();
        for (ConfiguredHost h : hosts) {
            if (!notEdges.contains(h.alias()) && TunnelServers.same(h.hostName(), address) && !matching.contains(h.alias())) {
                matching.add(h.alias());
            }
        }
        if (!matching.isEmpty()) {
            String why = "ssh_config Host whose HostName is " + address + ", " + server.what();
            if (matching.size() > 1) {
                why += "; the first of the Hosts " + String.join(", ", matching) + " in ssh_config's order";
            }
            return new EdgeSource(gateway, Optional.of(matching.get(0)), EdgeSource.Origin.SSH_CONFIG, why, Optional.of(address),
                    Optional.empty());
        }
        return new EdgeSource(gateway, Optional.of(target(address)), EdgeSource.Origin.ADDRESS, server.what() + " itself, with your "
                + "ssh_config defaults: no ssh_config Host has HostName " + address, Optional.of(address), Optional.empty());
    }

    /** An address as an SSH target: IPv6 in brackets, so that no part of it reads as a port. */
    static String target(String address) {
        return IpAddress.tryParse(address).filter(a -> !a.isV4()).map(a -> "[" + address + "]").orElse(address);
    }
}
