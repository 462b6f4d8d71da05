package ops.audit;

/**
 * Every finding the audit can report. The id and name never change meaning; each has a
 * section in docs/findings.md (a test keeps the two in step).
 */
public enum Code {
    TRIANGULAR_ROUTING("RA101", "triangular-routing", Severity.CRITICAL,
            "replies to real client IPs leave by another gateway"),
    MULTIPLE_REAL_IP_GATEWAYS("RA102", "multiple-real-ip-gateways", Severity.WARNING,
            "more than one gateway keeps client IPs, not all covered by reply-to"),
    DEFAULT_GATEWAY_GROUP("RA103", "default-gateway-group", Severity.WARNING,
            "the default gateway is a failover group"),
    DEFAULT_ROUTE_DRIFT("RA104", "default-route-drift", Severity.WARNING,
            "config.xml and the live routing table disagree on the default route"),
    REPLY_TO_DRIFT("RA105", "reply-to-drift", Severity.WARNING,
            "config.xml and the loaded pf rules disagree: on reply-to, or a pass rule pf has not loaded"),
    DEFAULT_GATEWAY_DOWN("RA106", "default-gateway-down", Severity.CRITICAL,
            "the default gateway is down"),
    REPLY_TO_DISABLED_GLOBALLY("RA107", "reply-to-disabled-globally", Severity.WARNING,
            "reply-to is disabled for all rules"),
    REPLY_TO_DISABLED_ON_RULE("RA108", "reply-to-disabled-on-rule", Severity.WARNING,
            "reply-to is disabled on the rule that passes a path"),
    PASS_RULE_WITHOUT_REPLY_TO("RA109", "pass-rule-without-reply-to", Severity.WARNING,
            "the rule that passes a path is one pfSense gives no reply-to"),
    POLICY_ROUTE_WITHOUT_NAT("RA110", "policy-route-without-nat", Severity.WARNING,
            "policy routing sends LAN traffic into a tunnel without NAT"),
    CLIENT_IP_LOST("RA111", "client-ip-lost", Severity.INFO,
            "the edge masquerades: the server sees the edge, not the client"),
    EDGE_NOT_READ("RA112", "edge-not-read", Severity.WARNING,
            "the edge's NAT rules were not read: masquerade state unknown"),
    PATH_BLOCKED("RA113", "path-blocked", Severity.WARNING,
            "a published port ends at the firewall: no port forward or no pass rule"),
    GATEWAY_ADDRESS_UNKNOWN("RA114", "gateway-address-unknown", Severity.WARNING,
            "a dynamic gateway's address is unknown"),
    GATEWAY_DOWN("RA115", "gateway-down", Severity.WARNING,
            "a gateway with published paths is down"),
    PATH_ASSUMED("RA116", "path-assumed", Severity.WARNING,
            "a path's verdict rests on something not read: it is UNKNOWN until that is read");

    public final String id;
    public final String slug;
    public final Severity severity;
    public final String title;

    /**
     * A code as an operator writes it in --ignore or the inventory: its id (RA109) or its name
     * (pass-rule-without-reply-to), any case; an unknown one is one line naming the closest.
     */
    public static Code parse(String text) {
        String t = text.strip();
        for (Code c : values()) if (c.id.equalsIgnoreCase(t) || c.slug.equalsIgnoreCase(t)) return c;
        Code near = values()[0];
        int best = Integer.MAX_VALUE;
        for (Code c : values()) {
            int d = Math.min(distance(t.toUpperCase(java.util.Locale.ROOT), c.id), distance(t.toLowerCase(java.util.Locale.ROOT), c.slug));
            if (d < best) { best = d; near = c; }
        }
        throw new ops.base.OpsException("unknown finding code '" + ops.text.Lines.quote(t) + "'; did you mean " + near.id + " (" + near.slug
                + ")? every code is in docs/findings.md");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }

    Code(String id, String slug, Severity severity, String title) {
        this.id = id;
        this.slug = slug;
        this.severity = severity;
        this.title = title;
    }
}
