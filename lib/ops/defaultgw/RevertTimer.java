package ops.defaultgw;

import ops.text.Shell;

/**
 * Commit confirmed, kept on the firewall itself: a detached shell sleeps, then runs the revert
 * snippet unless confirm took the pending token (the boot hook, {@link BootRevert}) first. It
 * needs nothing from us after it is armed, so a change that cuts us off still reverts; a reboot
 * kills it, and the boot hook reverts instead.
 */
final class RevertTimer {
    private RevertTimer() {}

    /** Where the timer logs what its revert said (a reboot may lose it: the revert's write_config is in the config history). */
    static final String DIR = "/tmp/ops-default-route";

    static String log(String id) { return DIR + "/" + id + ".log"; }

    /**
     * Starts the timer: setsid on Linux, daemon(8) on FreeBSD/pfSense, nohup as the last resort. When
     * it wins the token it reverts, removes the change's other files and, last, frees the change's lock.
     */
    static String arm(String id, int seconds, String lockPath) {
        String timer = "sleep " + seconds + "; if rm " + Shell.quote(BootRevert.hook(id)) + " 2>/dev/null; then php -q < "
                + Shell.quote(BootRevert.snippet(id)) + " > " + Shell.quote(log(id)) + " 2>&1; " + BootRevert.removeAll(id)
                + "; rm -rf " + Shell.quote(lockPath) + "; fi";
        String q = Shell.quote(timer);
        return "umask 077 && mkdir -p " + DIR + " && "
                + "if command -v setsid >/dev/null 2>&1; then setsid -f sh -c " + q + " </dev/null >/dev/null 2>&1; "
                + "elif command -v daemon >/dev/null 2>&1; then daemon -f sh -c " + q + "; "
                + "else nohup sh -c " + q + " </dev/null >/dev/null 2>&1 & fi";
    }

    /**
     * Prints "confirmed" when the token was still there (and removes the rest of the revert), else
     * what the boot reported, if it reverted (once: the report goes), then "gone".
     */
    static String confirm(String id) {
        String report = Shell.quote(BootRevert.report(id));
        return "if rm " + Shell.quote(BootRevert.hook(id)) + " 2>/dev/null; then " + BootRevert.removeAll(id) + "; echo confirmed; "
                + "else cat " + report + " 2>/dev/null && rm -f " + report + "; rmdir " + BootRevert.DIR + " 2>/dev/null; echo gone; fi";
    }
}
