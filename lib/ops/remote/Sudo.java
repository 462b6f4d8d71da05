package ops.remote;

/**
 * Runs commands that need root through {@code sudo -n} when the login user is not root, and
 * turns sudo's refusal into a message naming the missing right.
 */
public final class Sudo {
    private final Remote host;
    private final boolean needed;

    private Sudo(Remote host, boolean needed) {
        this.host = host;
        this.needed = needed;
    }

    /** Asks the host who we are (one round trip). */
    public static Sudo of(Remote host) {
        Remote.Result id = host.run("id -u");
        return new Sudo(host, !(id.ok() && id.out().strip().equals("0")));
    }

    public boolean needed() { return needed; }

    /** The command as it must run: prefixed with {@code sudo -n} for a non-root login. */
    public String wrap(String command) {
        return needed ? "sudo -n " + command : command;
    }

    /** A one-line explanation when sudo refused; empty when the failure is the command's own. */
    public java.util.Optional<String> refusal(String command, Remote.Result r) {
        if (!needed || r.ok()) return java.util.Optional.empty();
        String err = r.err();
        if (err.contains("sudo:") && (err.contains("password is required") || err.contains("not allowed") || err.contains("not in the sudoers"))) {
            String program = command.split("\\s+")[0];
            return java.util.Optional.of(host.name() + ": sudo refused `" + command + "` (" + err.strip().lines().findFirst().orElse("")
                    + "); grant the login user NOPASSWD sudo for " + program + ", or connect as root");
        }
        return java.util.Optional.empty();
    }
}
