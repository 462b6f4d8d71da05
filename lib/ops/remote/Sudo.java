package ops.remote;

import java.util.Optional;

/**
 * Root-only commands for any login: the uid is tested in the same exec (pfSense's admin is
 * uid 0 under another name), so a non-root login goes through {@code sudo -n}, which never
 * prompts, at no extra round trip. Same rule as live reads ({@link ops.live.RemoteRead}).
 */
public final class Sudo {
    private Sudo() {}

    public static String wrap(String command) {
        return "if [ \"$(id -u)\" = 0 ]; then " + command + "; else sudo -n " + command + "; fi";
    }

    /** A one-line explanation when sudo refused or is missing; empty when the failure is the command's own. */
    public static Optional<String> refusal(Remote host, String command, Remote.Result r) {
        if (r.ok()) return Optional.empty();
        Optional<String> says = r.err().lines().filter(l -> l.startsWith("sudo:")).findFirst();
        if (says.isPresent()) {
            String program = command.strip().split("\\s+")[0];
            return Optional.of(host.name() + ": sudo refused `" + command + "` (" + says.get().strip()
                    + "); allow it without a password in sudoers (NOPASSWD for " + program + "), or log in as root");
        }
        if (r.exit() == 127 && r.err().contains("sudo") && r.err().contains("not found")) {
            return Optional.of(host.name() + ": sudo is not installed and the login is not root; install sudo or log in as root");
        }
        return Optional.empty();
    }
}
