package ops.lab;

/**
 * What default-route's commit-confirmed leaves on the lab's firewall: its lock, and its revert's
 * parts in this boot (/var/run) and on disk (the boot hook, /cf/conf/ops-default-route).
 */
final class RevertTraces {
    private RevertTraces() {}

    static final String HOOKS = "/usr/local/etc/rc.d/ops-default-route-*";
    static final String KEPT = "/cf/conf/ops-default-route";

    /** "none", or the paths still there. */
    static String onFirewall() {
        return Lab.ssh("fw", "found=$(ls -d /tmp/ops-default-route.lock " + HOOKS + " " + KEPT + " /var/run/ops-default-route-* 2>/dev/null);"
                + " echo \"${found:-none}\"").strip();
    }

    /** The boot hook, the snippet and this boot's mark of a change whose revert is armed; "" when any is missing. */
    static String armed() {
        return Lab.ssh("fw", "ls " + HOOKS + " " + KEPT + "/*.php /var/run/ops-default-route-*.armed 2>/dev/null || true").strip();
    }
}
