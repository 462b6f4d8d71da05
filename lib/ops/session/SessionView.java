package ops.session;

import ops.net.IpAddress;

/**
 * How the firewall sees one SSH session: sshd's {@code SSH_CONNECTION} there. Through a
 * ProxyJump it is the last hop's view: the peer is whoever connected to the firewall's sshd
 * (after every NAT on the way), the local address and port are where the connection arrived.
 */
public record SessionView(IpAddress peer, int peerPort, IpAddress local, int localPort) {

    /** "198.51.100.20:60180 -> 10.8.1.2:22" ([v6]:port for IPv6). */
    public String describe() {
        return endpoint(peer, peerPort) + " -> " + endpoint(local, localPort);
    }

    private static String endpoint(IpAddress a, int port) {
        return (a.isV4() ? a.toString() : "[" + a + "]") + ":" + port;
    }
}
