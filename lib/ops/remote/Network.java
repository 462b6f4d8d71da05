package ops.remote;

import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.session.SessionView;
import ops.session.SshConnectionReader;
import ops.snapshot.Snapshot;

/**
 * The firewall and its edges as a change script reaches them: one full read for the model,
 * and a {@link Remote} per host for the changes and their read-backs.
 */
public interface Network {
    /** The firewall's name for messages and change records ("fw1"). */
    String firewallName();

    /** Reads the firewall and every edge that has a host, as route-audit does. */
    Snapshot read();

    Remote firewall();

    /**
     * A new connection to the firewall, made the way the user's own ssh would make it now:
     * after a route change it proves the firewall is still reachable.
     */
    Remote newFirewallConnection();

    /** The edge behind a gateway; a one-line {@link ops.base.OpsException} when none is configured. */
    Remote edge(String gateway);

    /**
     * Why the edge of this gateway was not read, in one line, when it was looked for and not found or
     * not reached (empty when it was read, or nobody looked).
     */
    default java.util.Optional<String> whyNoEdge(String gateway) {
        return java.util.Optional.empty();
    }

    /**
     * How the firewall sees the session {@link #firewall()} runs the change over: its sshd's
     * SSH_CONNECTION (printenv works under sh and tcsh, pfSense root's shell). Empty when unset or
     * unreadable: then nobody can tell, and the change goes on under its own safety net. A connection
     * that fails is an {@link OpsException}, as any command on it would be.
     */
    default Optional<SessionView> sessionView() {
        Remote fw = firewall();
        Remote.Result r = fw.run("printenv SSH_CONNECTION", "", Duration.ofSeconds(20));
        if (!r.ok()) return Optional.empty(); // printenv: 1 when unset
        try {
            return SshConnectionReader.read(fw.name(), r.out());
        } catch (OpsException unreadable) {
            return Optional.empty();
        }
    }
}
