package ops.defaultgw;

import ops.text.Shell;

/**
 * Commit confirmed, kept on the firewall itself: a detached shell sleeps, then runs the
 * revert snippet unless the pending token was removed (confirmed) first. It needs nothing
 * from us after it is armed, so a change that cuts us off still reverts.
 */
final class RevertTimer {
    private RevertTimer() {}

    static final String DIR = "/tmp/ops-default-route";

    static String pending(String id) { return DIR + "/" + id + ".pending"; }

    static String script(String id) { return DIR + "/" + id + ".php"; }

    static String log(String id) { return DIR + "/" + id + ".log"; }

    /**
     * Stores the revert snippet (stdin) and starts the timer: setsid on Linux, daemon(8) on
     * FreeBSD/pfSense, nohup as the last resort; the lock of the change is released after a revert.
     */
    static String arm(String id, int seconds, String lockPath) {
        String pending = Shell.quote(pending(id)), script = Shell.quote(script(id));
        String timer = "sleep " + seconds + "; if rm " + pending + " 2>/dev/null; then php -q < " + script + " > " + Shell.quote(log(id))
                + " 2>&1; rm -rf " + Shell.quote(lockPath) + "; fi";
        String q = Shell.quote(timer);
        return "umask 077 && mkdir -p " + DIR + " && cat > " + script + " && touch " + pending + " && "
                + "if command -v setsid >/dev/null 2>&1; then setsid -f sh -c " + q + " </dev/null >/dev/null 2>&1; "
                + "elif command -v daemon >/dev/null 2>&1; then daemon -f sh -c " + q + "; "
                + "else nohup sh -c " + q + " </dev/null >/dev/null 2>&1 & fi";
    }

    /** Prints "confirmed" when the token was still there, "gone" when the timer already fired. */
    static String confirm(String id) {
        return "if rm " + Shell.quote(pending(id)) + " 2>/dev/null; then echo confirmed; else echo gone; fi";
    }
}
