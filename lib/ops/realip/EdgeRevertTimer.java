package ops.realip;

import java.util.Optional;
import ops.text.Shell;

/**
 * Commit confirmed on an edge, as on the firewall: the edit that puts the edge back is stored
 * there and a detached shell applies it after the window unless the pending token was removed
 * first (confirmed). The edge's rules are persisted only once confirmed, so an edge that reboots
 * inside the window comes back with its old, persisted rules.
 */
final class EdgeRevertTimer {
    private EdgeRevertTimer() {}

    static final String DIR = "/tmp/ops-real-ip";

    static String pending(String id) { return DIR + "/" + id + ".pending"; }

    static String delta(String id) { return DIR + "/" + id + ".delta"; }

    static String log(String id) { return DIR + "/" + id + ".log"; }

    /** Left by a confirmation: a confirmation whose answer was lost is told from a timer that fired. */
    static String confirmed(String id) { return DIR + "/" + id + ".confirmed"; }

    /**
     * The put-back: the stored edit through {@code tool} (iptables-restore --noflush, nft -f -),
     * skipped when {@code skipIf} holds (the masquerade is there already: never twice).
     */
    static String fire(String id, String tool, Optional<String> skipIf) {
        String apply = tool + " < " + Shell.quote(delta(id)) + " > " + Shell.quote(log(id)) + " 2>&1";
        return skipIf.map(s -> "if " + s + "; then echo 'already so' > " + Shell.quote(log(id)) + "; else " + apply + "; fi").orElse(apply);
    }

    /** Stores the edit (stdin) and starts the timer; it frees the change's lock on the edge once it has fired. */
    static String arm(String id, int seconds, String tool, Optional<String> skipIf, String lockPath) {
        String pending = Shell.quote(pending(id));
        String timer = "sleep " + seconds + "; if rm " + pending + " 2>/dev/null; then " + fire(id, tool, skipIf) + "; rm -rf "
                + Shell.quote(lockPath) + "; fi";
        String q = Shell.quote(timer);
        return "umask 077 && mkdir -p " + DIR + " && cat > " + Shell.quote(delta(id)) + " && touch " + pending + " && "
                + "if command -v setsid >/dev/null 2>&1; then setsid -f sh -c " + q + " </dev/null >/dev/null 2>&1; "
                + "else nohup sh -c " + q + " </dev/null >/dev/null 2>&1 & fi";
    }

    /** Disarms the timer and puts the edge back now: the edit from stdin, skipped when {@code skipIf} holds. */
    static String putBackNow(String id, String tool, Optional<String> skipIf) {
        String apply = tool;
        return "rm -f " + Shell.quote(pending(id)) + "; " + skipIf.map(s -> "if " + s + "; then echo 'already so'; else " + apply + "; fi").orElse(apply);
    }

    /** Prints "confirmed" when the token was still there (or this confirmation ran before), "gone" when the timer already fired. */
    static String confirm(String id) {
        return "if rm " + Shell.quote(pending(id)) + " 2>/dev/null; then touch " + Shell.quote(confirmed(id)) + "; echo confirmed; "
                + "elif [ -e " + Shell.quote(confirmed(id)) + " ]; then echo confirmed; else echo gone; fi";
    }

    /**
     * Holds when the edge masquerades traffic into the tunnel: a rule with the tunnel as its
     * out-interface (the only kind real-ip removes) that masquerades or SNATs.
     */
    static String masquerading(String tool, String tunnel) {
        String dev = tunnel.replace(".", "\\.");
        if (tool.equals("iptables")) {
            return "iptables-save -t nat | grep -Eq -- " + Shell.quote("^-A [^ ]+ (.* )?-o " + dev + " (.* )?-j (MASQUERADE|SNAT)");
        }
        return "nft list ruleset | grep -Eq -- " + Shell.quote("oifname \"" + dev + "\" (.* )?(masquerade|snat)");
    }
}
