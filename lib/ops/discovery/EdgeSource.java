package ops.discovery;

import java.util.Optional;

/**
 * Which host was (or was to be) read as the edge behind one pfSense gateway, and why that one.
 *
 * @param host    the SSH target ([user@]host[:port] or an ssh_config alias); empty when none is known
 * @param why     the reason in words, e.g. "ssh_config Host whose HostName is 203.0.113.11, the OpenVPN client's server"
 * @param address the tunnel's server address config.xml names, when the edge was discovered from it
 * @param problem set when the edge was not read: one line naming the gateway, the address and what to add
 */
public record EdgeSource(String gateway, Optional<String> host, Origin origin, String why, Optional<String> address,
                         Optional<String> problem) {

    /** Where the host came from; {@code id} is what the JSON report says. */
    public enum Origin {
        COMMAND_LINE("command-line"), INVENTORY("inventory"), SSH_CONFIG("ssh-config"), ADDRESS("address"), NONE("none");

        public final String id;

        Origin(String id) { this.id = id; }
    }

    public static EdgeSource named(String gateway, String host, Origin origin, String why) {
        return new EdgeSource(gateway, Optional.of(host), origin, why, Optional.empty(), Optional.empty());
    }

    /** Found from config.xml: by an ssh_config Host, or the address itself. */
    public boolean discovered() { return origin == Origin.SSH_CONFIG || origin == Origin.ADDRESS; }

    /** A host to read, and nothing said it could not be read. */
    public boolean read() { return host.isPresent() && problem.isEmpty(); }

    /**
     * The same source, not reached: the one line for the user, naming the gateway, the host and the
     * address, the cause, and what to add.
     */
    public EdgeSource unreached(String cause) {
        String h = host.orElse("?");
        String fix = origin == Origin.ADDRESS
                ? "add a Host with HostName " + address.orElse(h) + " to ssh_config (with the User, Port or ProxyJump that reach it), or give --edge "
                        + gateway + "=HOST"
                : origin == Origin.SSH_CONFIG ? "fix that Host in ssh_config, or give --edge " + gateway + "=HOST"
                : "fix it, or give --edge " + gateway + "=HOST";
        return new EdgeSource(gateway, host, origin, why, address, Optional.of(gateway + ": edge " + h + " (" + why + ") not reached: "
                + cause + "; " + fix));
    }

    /** One line for the report: "EDGE1_VPNV4 → edge1 (why)", or the problem. */
    public String line() {
        if (problem.isPresent()) return problem.get();
        return gateway + " → " + host.orElse("no edge") + " (" + why + ")";
    }
}
