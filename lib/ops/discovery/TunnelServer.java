package ops.discovery;

/**
 * The far end of a gateway's tunnel as config.xml names it: the host an edge's SSH most likely
 * answers on.
 *
 * @param address an IP address or a host name, without a port
 * @param what    where config.xml says so, for the report ("the OpenVPN client's server")
 */
public record TunnelServer(String address, String what) {
    public static final String OPENVPN = "the OpenVPN client's server";
    public static final String WIREGUARD = "the WireGuard peer's endpoint";
}
