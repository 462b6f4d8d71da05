package ops.discovery;

import java.util.List;
import java.util.Optional;
import ops.model.Gateway;
import ops.net.IpAddress;
import ops.pfsense.PfSenseConfig;

/**
 * Which server is behind a VPN gateway, by what config.xml says about its interface's tunnel:
 * an OpenVPN client (ovpncN, by vpnid N) names its {@code server_addr}; a WireGuard tunnel
 * (tun_wgN) its peer's {@code endpoint}. Pure: config in, one answer per gateway out.
 */
public final class TunnelServers {
    private TunnelServers() {}

    /** The server, or one line saying why config.xml does not tell. */
    public record Lookup(Optional<TunnelServer> server, String why) {
        static Lookup found(String address, String what) { return new Lookup(Optional.of(new TunnelServer(address, what)), ""); }

        static Lookup none(String why) { return new Lookup(Optional.empty(), why); }
    }

    public static Lookup of(PfSenseConfig config, Gateway g) {
        String dev = g.device();
        if (dev.startsWith("ovpnc")) {
            String vpnid = dev.substring("ovpnc".length());
            Optional<PfSenseConfig.OpenVpnInstance> client = config.openVpn().stream()
                    .filter(o -> o.kind().equals("client") && o.vpnid().equals(vpnid)).findFirst();
            if (client.isEmpty()) return Lookup.none("config.xml has no OpenVPN client with vpnid " + vpnid + " for " + dev);
            String addr = host(client.get().serverAddr());
            if (addr.isEmpty()) return Lookup.none("the OpenVPN client of " + dev + " names no server_addr");
            return Lookup.found(addr, TunnelServer.OPENVPN);
        }
        if (dev.startsWith("ovpns")) {
            return Lookup.none(dev + " is an OpenVPN server: its clients connect in, and config.xml does not say from where");
        }
        if (Gateway.isWireGuardDevice(dev)) {
            List<String> endpoints = config.wireGuardPeers().stream()
                    .filter(p -> p.tun().equals(dev) && p.enabled() && !p.endpoint().isBlank())
                    .map(p -> host(p.endpoint())).distinct().toList();
            if (endpoints.isEmpty()) return Lookup.none("no enabled WireGuard peer of " + dev + " has an endpoint (its peers connect in)");
            if (endpoints.size() > 1) {
                return Lookup.none("the WireGuard tunnel " + dev + " has peers at " + String.join(", ", endpoints)
                        + ", and config.xml does not say which one is the edge");
            }
            return Lookup.found(endpoints.get(0), TunnelServer.WIREGUARD);
        }
        return Lookup.none(dev + " is not an OpenVPN client or WireGuard tunnel");
    }

    /** The host part of an address as written: `[v6]:port` and `host:port` lose the port; a bare IPv6 address stays. */
    static String host(String written) {
        String s = written.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            return close < 0 ? s : s.substring(1, close);
        }
        int colon = s.indexOf(':');
        if (colon >= 0 && colon == s.lastIndexOf(':')) return s.substring(0, colon);
        return s;
    }

    /** Whether two host names or addresses name the same host: addresses by value, names regardless of case and a final dot. */
    static boolean same(String a, String b) {
        Optional<IpAddress> ia = IpAddress.tryParse(a.strip()), ib = IpAddress.tryParse(b.strip());
        if (ia.isPresent() || ib.isPresent()) return ia.isPresent() && ia.equals(ib);
        return trimDot(a).equalsIgnoreCase(trimDot(b));
    }

    private static String trimDot(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
