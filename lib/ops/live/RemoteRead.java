package ops.live;

import ops.remote.Sudo;

/**
 * One command a live audit runs, and whether it needs root (then a login that is not uid 0
 * runs it through `sudo -n`, which never prompts: {@link Sudo}).
 *
 * @param what         the snapshot part it fills, for messages ("pf rules")
 * @param sudoersPath  the program's usual absolute path, for the sudoers line we suggest
 */
public record RemoteRead(String what, String command, boolean needsRoot, String sudoersPath) {

    // the firewall (pfSense, FreeBSD)
    public static final RemoteRead CONFIG = new RemoteRead("config.xml", "cat /conf/config.xml", true, "/bin/cat /conf/config.xml");
    // -W: without it FreeBSD cuts interface names to 8 characters (vmx0_vlan10 becomes vmx0_vla)
    public static final RemoteRead ROUTES = new RemoteRead("routing table", "netstat -rnW", false, "/usr/bin/netstat -rnW");
    // which address belongs to which interface, with the peer of each point-to-point tunnel
    public static final RemoteRead IFCONFIG = new RemoteRead("interface addresses", "ifconfig -a", false, "/sbin/ifconfig -a");
    public static final RemoteRead GATEWAY_STATUS = new RemoteRead("gateway status", "pfSsh.php playback gatewaystatus", true,
            "/usr/local/sbin/pfSsh.php playback gatewaystatus");
    public static final RemoteRead PF_RULES = new RemoteRead("pf rules", "pfctl -sr", true, "/sbin/pfctl -sr");
    public static final RemoteRead ROUTERS = new RemoteRead("dynamic gateway addresses", "grep -H . /tmp/*_router", false,
            "/usr/bin/grep");

    // an edge (Linux)
    public static final RemoteRead IPTABLES = new RemoteRead("iptables rules", "iptables-save", true, "/usr/sbin/iptables-save");
    public static final RemoteRead NFT = new RemoteRead("nftables rules", "nft -j list ruleset", true, "/usr/sbin/nft -j list ruleset");
    public static final RemoteRead ADDR = new RemoteRead("addresses", "ip -j addr", false, "/usr/sbin/ip -j addr");
    public static final RemoteRead EDGE_ROUTES = new RemoteRead("routes", "ip -j route", false, "/usr/sbin/ip -j route");

    /**
     * The command line to send for a login as {@code user}. The name alone does not tell: pfSense's
     * `admin` is uid 0 too. So a non-root name gets a shell test of the uid in the same exec, which
     * costs no extra round trip.
     */
    public String commandFor(String user) {
        if (!needsRoot || "root".equals(user)) return command;
        return Sudo.wrap(command);
    }
}
