package ops.live;

import java.util.Optional;
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
        String sent = r.command();
        String err = firstLine(r.stderr());
        String problem;
        if (sent.startsWith("sudo ") && r.exitStatus().orElse(-1) == 127 && err.contains("sudo") && err.contains("not found")) {
            problem = where + ": sudo is not installed, and user " + user + " needs it for `" + read.command()
                    + "`; install sudo there or log in as root (User root in ssh_config)";
        } else if (sent.startsWith("sudo ") && err.startsWith("sudo:")) {
            problem = where + ": sudo refused `" + read.command() + "` for user " + user + " (" + err + "); allow it without "
                    + "a password in sudoers, e.g. `" + user + " ALL=(root) NOPASSWD: " + read.sudoersPath() + "`, or log in as root";
        } else {
            problem = where + ": `" + sent + "` failed (" + r.failure() + ")";
        }
        return new ReadOutcome(read, Optional.empty(), Optional.of(problem));
    }

    static ReadOutcome failed(RemoteRead read, String problem) {
        return new ReadOutcome(read, Optional.empty(), Optional.of(problem));
    }

    private static String firstLine(String s) {
        for (String l : s.split("\n")) if (!l.isBlank()) return l.strip();
        return "";
    }
}
