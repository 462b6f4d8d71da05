package ops.live;

import java.util.Optional;
import ops.remote.Sudo;
import ops.ssh.CommandResult;

/**
 * How one remote read ended: its text, or one line saying why not (sudo refused, sudo missing,
 * the command failed). Judges only the transport, never what the text means.
 */
public record ReadOutcome(RemoteRead read, Optional<String> text, Optional<String> problem) {

    static ReadOutcome of(RemoteRead read, String where, String user, CommandResult r) {
        if (r.ok()) return new ReadOutcome(read, Optional.of(r.stdout()), Optional.empty());
        if (read == RemoteRead.ROUTERS && r.stdout().isEmpty() && r.exitStatus().orElse(-1) <= 2
                && (r.stderr().isBlank() || r.stderr().contains("No such file"))) {
            // grep: 1 = no lines, 2 with "No such file" = no /tmp/*_router at all: no dynamic gateways
            return new ReadOutcome(read, Optional.of(""), Optional.empty());
        }
        boolean viaSudo = Sudo.wraps(r.command());
        Optional<String> sudoSays = viaSudo ? Sudo.says(r.stderr()) : Optional.empty();
        boolean sudoMissing = viaSudo && Sudo.missing(r.exitStatus().orElse(-1), r.stderr());
        String problem;
        if (sudoMissing) {
            problem = where + ": sudo is not installed, and user " + user + " needs it for `" + read.command()
                    + "`; install sudo there or log in as root (User root in ssh_config)";
        } else if (sudoSays.isPresent()) {
            problem = where + ": sudo refused `" + read.command() + "` for user " + user + " (" + sudoSays.get() + "); allow it without "
                    + "a password in sudoers, e.g. `" + user + " ALL=(root) NOPASSWD: " + read.sudoersPath() + "`, or log in as root";
        } else {
            problem = where + ": `" + read.command() + "`" + (viaSudo ? " (through sudo -n when not uid 0)" : "") + " failed ("
                    + r.failure() + ")";
        }
        return new ReadOutcome(read, Optional.empty(), Optional.of(problem));
    }

    static ReadOutcome failed(RemoteRead read, String problem) {
        return new ReadOutcome(read, Optional.empty(), Optional.of(problem));
    }
}
