package ops.audit;

/**
 * The toolkit's commands as a finding's fix names them, written to run as printed: FIREWALL
 * stands for the firewall until {@link AuditResult#forFirewall} puts in the name the audit
 * reached it by (a snapshot does not say how to reach its firewall, so there it stays).
 */
final class FixCommand {
    private FixCommand() {}

    static final String FIREWALL = "FIREWALL";

    static String defaultRoute(String gateway) {
        return "default-route " + FIREWALL + " set " + gateway;
    }

    /** The whole field fix for one gateway, in the safe order (real-ip): what to suggest before two separate commands. */
    static String realIp(String gateway) {
        return "real-ip " + FIREWALL + " set " + gateway;
    }

    static String natToggle(String gateway, String action) {
        return "nat-toggle " + FIREWALL + " " + gateway + " " + action;
    }
}
