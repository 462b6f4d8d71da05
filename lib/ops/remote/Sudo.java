package ops.remote;

import java.util.Optional;

/**
 * The one sudo rule, for change steps ({@link ops.change.Command}) and live reads
 * ({@link ops.live.RemoteRead}) alike: root-only commands for any login, the uid tested in the
 * same exec (pfSense's admin is uid 0 under another name), so a non-root login goes through
 * {@code sudo -n}, which never prompts, at no extra round trip.
 */
public final class Sudo {
    private static final String SUDO = "sudo -n ";

    private Sudo() {}

    public static String wrap(String command) {
        return "if [ \"$(id -u)\" = 0 ]; then " + command + "; else " + SUDO + command + "; fi";
    }

    /** Whether this command line goes through {@link #wrap} (then a failure may be sudo's). */
    public static boolean wraps(String line) {
        return line.contains(SUDO);
    }

    /** What sudo said when it refused: its first line (the login may print other lines first, so look at each). */
    public static Optional<String> says(String stderr) {
        return lines(stderr).filter(l -> l.startsWith("sudo:")).findFirst();
    }

    /** Whether the login's shell found no sudo at all. */
    public static boolean missing(int exit, String stderr) {
        return exit == 127 && lines(stderr).anyMatch(l -> l.contains("sudo") && l.contains("not found"));
    }

    /** A one-line explanation when sudo refused or is missing; empty when the failure is the command's own. */
    public static Optional<String> refusal(Remote host, String command, Remote.Result r) {
        if (r.ok()) return Optional.empty();
        Optional<String> says = says(r.err());
        if (says.isPresent()) {
            String program = command.strip().split("\\s+")[0];
            return Optional.of(host.name() + ": sudo refused `" + command + "` (" + says.get()
                    + "); allow it without a password in sudoers (NOPASSWD for " + program + "), or log in as root");
        }
        if (missing(r.exit(), r.err())) {
            return Optional.of(host.name() + ": sudo is not installed and the login is not root; install sudo or log in as root");
        }
        return Optional.empty();
    }

    private static java.util.stream.Stream<String> lines(String s) {
        return s.lines().map(String::strip).filter(l -> !l.isEmpty());
    }
}
