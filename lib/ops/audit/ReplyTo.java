package ops.audit;

import java.util.List;
import java.util.Optional;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.pfsense.PfRule;
import ops.pfsense.PfSenseConfig;
import ops.pfsense.PfSenseConfig.FilterRule;

/**
 * Whether the state a rule creates carries reply-to, exactly as pfSense's filter.inc
 * (filter_generate_user_rule) decides, and what the loaded ruleset says when it was read.
 *
 * @param configured what config.xml implies
 * @param live       what `pfctl -sr` shows for the rule (by its ridentifier), when read
 * @param why        when there is none, the reason in pfSense's terms
 * @param cause      the finding that explains a missing reply-to, or null
 */
record ReplyTo(boolean configured, Optional<Boolean> live, String why, Code cause) {

    /** What is in force: the loaded ruleset when read, else the config. */
    boolean inForce() { return live.orElse(configured); }

    static ReplyTo of(Topology t, PassRule choice, PfSenseConfig.PortForward forward, Gateway gateway) {
        if (forward != null && forward.associatedRuleId().equals("pass")) {
            return none("the port forward passes traffic itself (filter rule association 'Pass', rdr pass)",
                    Code.PASS_RULE_WITHOUT_REPLY_TO);
        }
        if (choice.rule().isEmpty() || !choice.passes()) return none("no pass rule", null);
        FilterRule r = choice.rule().get();
        ReplyTo configured = configured(t, r, choice.tab(), gateway);
        return new ReplyTo(configured.configured, live(t, r), configured.why, configured.cause);
    }

    private static ReplyTo configured(Topology t, FilterRule r, String tab, Gateway gateway) {
        if (!r.gateway().isEmpty()) {
            return none("the rule sets its own gateway " + r.gateway() + " (route-to instead of reply-to)",
                    Code.PASS_RULE_WITHOUT_REPLY_TO);
        }
        if (r.floating() && (r.direction().isEmpty() || r.direction().equals("any"))) {
            return none("floating rules with direction 'any' get no reply-to", Code.PASS_RULE_WITHOUT_REPLY_TO);
        }
        List<String> ifs = r.interfaces();
        if (ifs.size() != 1 || !hasGateway(t, ifs.get(0))) {
            String where = tab.equals("OpenVPN") ? "the OpenVPN tab" : tab.equals("WireGuard") ? "the WireGuard tab"
                    : tab.startsWith("group ") ? "an interface-group tab" : "rule interface " + String.join(",", ifs);
            return none("it is on " + where + ", which pfSense never gives reply-to", Code.PASS_RULE_WITHOUT_REPLY_TO);
        }
        if (t.config().disableReplyTo()) {
            return none("reply-to is disabled globally (System > Advanced > Firewall & NAT)", Code.REPLY_TO_DISABLED_GLOBALLY);
        }
        if (r.disableReplyTo()) {
            return none("the rule has 'Disable reply-to' set", Code.REPLY_TO_DISABLED_ON_RULE);
        }
        if (gateway == null || gateway.address().isEmpty()) {
            return none("the interface's gateway address is unknown, so pfSense emits no reply-to", Code.GATEWAY_ADDRESS_UNKNOWN);
        }
        return new ReplyTo(true, Optional.empty(), "", null);
    }

    /** interfaces.inc interface_has_gateway(): dynamic types, tunnels, or a configured gateway. */
    static boolean hasGateway(Topology t, String key) {
        Optional<PfSenseConfig.Interface> i = t.config().interfaceByKey(key);
        if (i.isEmpty()) return false;
        String dev = i.get().device();
        String ip = i.get().ipaddr();
        return dev.startsWith("ovpn") || dev.startsWith("ipsec") || !i.get().gateway().isEmpty()
                || ip.equals("dhcp") || ip.equals("pppoe") || ip.equals("pptp") || ip.equals("l2tp") || ip.equals("ppp")
                || ((dev.startsWith("gif") || dev.startsWith("gre")) && IpAddress.tryParse(ip).isPresent());
    }

    /** The loaded rules pfSense generated from this config rule carry its tracker as ridentifier. */
    private static Optional<Boolean> live(Topology t, FilterRule r) {
        if (t.pfRules().isEmpty() || r.tracker().isEmpty()) return Optional.empty();
        String tracker = Match.tracker(r);
        List<PfRule> loaded = t.pfRules().get().stream()
                .filter(p -> p.ridentifier().equals(tracker) && p.action().equals("pass")).toList();
        if (loaded.isEmpty()) return Optional.of(false); // not loaded at all: nothing pins replies
        return Optional.of(loaded.stream().anyMatch(p -> p.replyTo().isPresent()));
    }

    private static ReplyTo none(String why, Code cause) {
        return new ReplyTo(false, Optional.empty(), why, cause);
    }
}
