package ops.ssh;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.userauth.UserAuthException;
import ops.base.OpsException;

/** Turns what sshj throws into one line: which host, what went wrong, how to fix it. */
final class SshFailure {
    private SshFailure() {}

    static OpsException connect(HostConfig host, Throwable e, Duration timeout, boolean timedOut, KnownHosts knownHosts) {
        if (knownHosts.problem().isPresent()) return new HostKeyRefused(knownHosts.problem().get(), e);
        String where = host.where();
        if (timedOut || has(e, SocketTimeoutException.class) || mentions(e, "timeout expired") || mentions(e, "timed out")) {
            return OpsException.explaining(where + ": no SSH answer within " + timeout.toSeconds() + " s; check the host and port "
                    + "(ssh -G " + host.alias() + "), that sshd runs there and no firewall drops it, or raise --connect-timeout", e);
        }
        if (has(e, UnknownHostException.class)) {
            return OpsException.explaining(where + ": cannot resolve host name " + host.hostName()
                    + "; check HostName in ssh_config (ssh -G " + host.alias() + ") or DNS", e);
        }
        if (has(e, ConnectException.class)) {
            return OpsException.explaining(where + ": connection refused on port " + host.port()
                    + "; check that sshd runs there and the Port in ssh_config", e);
        }
        if (has(e, NoRouteToHostException.class)) {
            return OpsException.explaining(where + ": no route to host; check the address and the network path", e);
        }
        if (e instanceof OpenFailException) {
            return OpsException.explaining(where + ": the jump host could not open a connection to " + host.hostName() + ":"
                    + host.port() + " (" + cause(e) + "); check the address from the jump host and AllowTcpForwarding there", e);
        }
        if (mentions(e, "identification")) {
            return OpsException.explaining(where + ": the server closed the connection before speaking SSH; check the port is sshd's "
                    + "and that sshd accepts you (MaxStartups, AllowUsers, tcp wrappers)", e);
        }
        return OpsException.explaining(where + ": SSH connection failed (" + cause(e) + "); rerun with --debug for details", e);
    }

    /** The ProxyCommand ended (or closed its output) before SSH was up: its exit code and last stderr line. */
    static OpsException proxyCommand(HostConfig host, ProxyCommandSocket proxy, Throwable e) {
        java.util.Optional<Integer> code = proxy.exitCode();
        String said = proxy.lastErrorLine().isEmpty() ? "" : ": " + proxy.lastErrorLine();
        return OpsException.explaining(host.where() + ": ProxyCommand `" + proxy.command() + "` "
                + code.map(c -> "exited with code " + c).orElse("closed the connection (" + cause(e) + ")") + said
                + "; run it in a terminal to see why (ssh -G " + host.alias() + " | grep -i proxycommand shows it)", e);
    }

    /** A jump host's failure, said for the host it was reached for; a refused key stays a {@link HostKeyRefused}. */
    static OpsException viaJump(OpsException failure, String forWhom, Throwable e) {
        String message = failure.getMessage() + " (jump host for " + forWhom + ")";
        return failure instanceof HostKeyRefused ? new HostKeyRefused(message, e) : OpsException.explaining(message, e);
    }

    static OpsException auth(HostConfig host, UserAuthException e, Identities.Loaded ids) {
        String notes = ids.notes().isEmpty() ? "" : " (skipped " + String.join("; ", ids.notes()) + ")";
        for (var m : ids.keys()) {
            if (m instanceof ops.ssh.agent.AuthAgent a && a.refused().isPresent()) {
                // the likeliest reason the login failed: say it alone, with the way out
                return OpsException.explaining(host.where() + ": " + a.refused().get().getMessage() + ": a key added with ssh-add -c "
                        + "whose use was denied, or a locked agent; confirm its use when the agent asks, or ssh-add it again without -c", e);
            }
        }
        for (String note : ids.notes()) {
            int at = note.indexOf(": " + Identities.EXPIRED);
            if (at < 0) continue;
            // a short-lived certificate ran out: that, not authorized_keys, is what to fix
            String cert = note.substring(0, at);
            return OpsException.explaining(host.where() + ": the user certificate " + cert + " expired on "
                    + note.substring(at + 2 + Identities.EXPIRED.length()) + " and the server refused "
                    + (ids.names().isEmpty() ? "every other key" : String.join(", ", ids.names())) + " without it; have it signed again "
                    + "(ssh-keygen -s CA_KEY -I ID -n " + host.user() + " -V +1d KEY.pub) and retry", e);
        }
        if (ids.keys().isEmpty() && ids.agentDown().isPresent() && ids.notes().size() == 1) {
            // the agent was the one way to log in, and it is not there
            return OpsException.explaining(host.where() + ": no key to log in with: " + ids.agentDown().get()
                    + "; start ssh-agent and ssh-add your key, fix $SSH_AUTH_SOCK or IdentityAgent (ssh -G " + host.alias()
                    + "), or set IdentityFile in ssh_config", e);
        }
        if (ids.keys().isEmpty()) {
            return OpsException.explaining(host.where() + ": no usable key to log in with" + notes + "; looked for "
                    + (ids.agent().isPresent() ? "the agent at " + ids.agent().get().socket() + " and " : "")
                    + host.identityFiles() + ", create one with ssh-keygen -t ed25519 or set IdentityFile in ssh_config", e);
        }
        return OpsException.explaining(host.where() + ": the server refused key authentication for user " + host.user() + " with "
                + String.join(", ", ids.names()) + notes + "; add the public key to ~" + host.user()
                + "/.ssh/authorized_keys there, or set User/IdentityFile for it in ssh_config", e);
    }

    /** The innermost useful message of a chain. */
    static String cause(Throwable e) {
        Throwable t = e;
        String msg = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) msg = t.getMessage();
            if (t.getCause() == t) break;
            t = t.getCause();
        }
        String m = msg == null ? e.getClass().getSimpleName() : msg;
        return m.replace('\n', ' ');
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean mentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().toLowerCase().contains(text)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }
}
