package ops.defaultgw;

import ops.pfsense.PhpSnippet;
import ops.text.Shell;

/**
 * The armed revert, kept where a reboot cannot lose it: a reboot inside the window is no
 * confirmation (Junos' commit confirmed rolls back across one), so the revert is carried out at
 * the next boot. All of it is POSIX sh (FreeBSD's sh on pfSense, dash in the lab).
 *
 * <p>The boot hook is a file {@code /usr/local/etc/rc.d/ops-default-route-ID.sh}: pfSense does
 * not run FreeBSD's rcorder there, but its {@code /etc/rc.start_packages} runs every
 * {@code /usr/local/etc/rc.d/*.sh} that no package owns as {@code FILE start} (pfsense/pfsense
 * src/etc/rc.start_packages, RELENG_2_4_5 to master 2026-03), and {@code /etc/pfSense-rc} runs
 * that at the end of boot, after {@code /etc/rc.bootup} has configured interfaces, OpenVPN,
 * the filter and {@code system_routing_configure()}: the revert's own routing apply is the last
 * word. It is the least invasive hook pfSense honours: a file of our own, added and removed
 * alone. {@code <shellcmd>}/{@code <earlyshellcmd>}/{@code <afterbootupshellcmd>} would be
 * config.xml edits (a write_config each way, a new revision in the config history, synced to an
 * HA peer); {@code /etc/rc.local} is the admin's own file to edit; cron is rewritten from config.xml.
 * pfSense also runs rc.start_packages later, on "service reload packages" (rc.newwanip: a WAN or
 * tunnel address change), and the stop side ({@code FILE stop}) at shutdown: the hook acts only on
 * {@code start}, and only when the mark the arming left in {@code /var/run} is gone. pfSense-rc
 * empties {@code /var/run} at every boot (a tmpfs, then {@code rm -rf "$varrunpath"/*}), unlike
 * {@code /tmp}, which survives a crash on a disk install without RAM disks.
 *
 * <p>The revert snippet and the boot's report live in {@code /cf/conf/ops-default-route/}: /cf/conf
 * is where pfSense itself keeps what must survive (config.xml, its backups), on disk whatever the
 * RAM disk setting, and on ZFS pfSense-rc sets {@code sync=always} on that dataset.
 *
 * <p>The hook file is also the revert's one pending token: the timer, confirm and the hook each
 * claim it with {@code rm}, so exactly one of them acts.
 */
final class BootRevert {
    private BootRevert() {}

    static final String DIR = "/cf/conf/ops-default-route";
    static final String RC_D = "/usr/local/etc/rc.d";
    static final String RUN = "/var/run";

    /** The boot hook and pending token. */
    static String hook(String id) { return RC_D + "/ops-default-route-" + id + ".sh"; }

    /** The revert snippet, for the timer and the boot hook. */
    static String snippet(String id) { return DIR + "/" + id + ".php"; }

    /** What the boot did, for show, confirm and rollback to report. */
    static String report(String id) { return DIR + "/" + id + ".reverted-at-boot"; }

    /** Present from arming until confirm, rollback or the timer's revert, in this boot only. */
    static String armedMark(String id) { return RUN + "/ops-default-route-" + id + ".armed"; }

    /** Every file of a change, persistent or not, except the report; the folder too once it is empty. */
    static String removeAll(String id) {
        return "rm -f " + Shell.quote(hook(id)) + " " + Shell.quote(hook(id) + ".new") + " " + Shell.quote(snippet(id)) + " "
                + Shell.quote(armedMark(id)) + "; rmdir " + DIR + " 2>/dev/null || true";
    }

    /**
     * Prints and removes what earlier boots reported (the next change is where they are told),
     * stores the revert snippet (stdin), marks this boot as armed, then installs the hook, whole
     * (renamed into place: a boot never finds half of it), the mark first so a package reload in
     * between cannot mistake it for a boot.
     */
    static String keep(String id, String previous, String lockPath) {
        String hook = Shell.quote(hook(id)), staged = Shell.quote(hook(id) + ".new");
        return "for f in " + DIR + "/*.reverted-at-boot; do [ -f \"$f\" ] || continue; head -n 1 \"$f\"; rm -f \"$f\"; done; "
                + "mkdir -p " + RC_D + " && mkdir -p -m 755 " + DIR + " && umask 077 && cat > " + Shell.quote(snippet(id)) + " && touch "
                + Shell.quote(armedMark(id)) + " && printf '%s' " + Shell.quote(hookScript(id, previous, lockPath)) + " > " + staged
                + " && chmod 700 " + staged + " && mv " + staged + " " + hook;
    }

    /** The hook: at boot (and only then), claims the token, runs the revert, leaves the report and nothing else. */
    static String hookScript(String id, String previous, String lockPath) {
        String report = Shell.quote(report(id)), snippet = Shell.quote(snippet(id));
        return "#!/bin/sh\n"
                + "# ops default-route: change " + id.replaceAll("[\\s']", "_") + " was not confirmed before this boot: revert it.\n"
                + "# The rc.start_packages of pfSense runs this with start at boot and on a package reload; the mark in\n"
                + "# /var/run (emptied at every boot) says the timer of the change is alive, so this is no boot. Removed by\n"
                + "# the toolkit on confirm, rollback or revert; it removes itself when it has run.\n"
                + "[ \"$1\" = start ] || exit 0\n"
                + "[ -e " + Shell.quote(armedMark(id)) + " ] && exit 0\n"
                + "PATH=${PATH:+$PATH:}/sbin:/bin:/usr/sbin:/usr/bin:/usr/local/sbin:/usr/local/bin; export PATH\n"
                + "rm " + Shell.quote(hook(id)) + " 2>/dev/null || exit 0\n"
                + "out=$(php -q < " + snippet + " 2>&1); rc=$?\n"
                + "case $rc in 0) what=" + plain("reverted to " + previous) + " ;; " + PhpSnippet.REVISION_CHANGED
                + ") what=\"not reverted\" ;; *) what=\"the revert failed (exit $rc)\" ;; esac\n"
                + "umask 022 # the report is for any login to read (show needs no root)\n"
                + "printf \"%s\\n%s\\n\" " + plain("change " + id + " was not confirmed before a reboot: ")
                + "\"$what at boot, $(date -u \"+%Y-%m-%d %H:%M:%S UTC\")\" \"$out\" > " + report + "\n"
                + "rm -f " + snippet + "\n"
                + "rm -rf " + Shell.quote(lockPath) + "\n";
    }

    /**
     * Text as one sh word, in double quotes when that is plain (gateway names and ids are), so the
     * hook has no single quotes and reads as itself in the plan, which quotes it once more.
     */
    private static String plain(String text) {
        return text.matches("[A-Za-z0-9_.,:/ +%-]*") ? "\"" + text + "\"" : Shell.quote(text);
    }

    /** The first line of each report on the firewall, for show (readable without root); nothing when there is none. */
    static String reports() {
        return "for f in " + DIR + "/*.reverted-at-boot; do [ -f \"$f\" ] && head -n 1 \"$f\"; done; true";
    }
}
