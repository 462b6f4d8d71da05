package ops.nat;

import java.util.Optional;
import ops.base.OpsException;
import ops.model.Gateway;
import ops.pfsense.OutboundNatEdit;
import ops.pfsense.PfSenseConfig;

/**
 * pfSense's outbound NAT for one gateway's interface (--firewall-nat). Automatic mode never
 * NATs OpenVPN interfaces and is left alone; hybrid gets or loses a no-NAT rule; advanced
 * loses or gets the interface's translating rules. Never switches modes.
 */
final class FirewallSide {
    static final String TAG = "ops nat-toggle";

    /** What to do on the firewall, or why nothing: {@code edit} is empty when nothing changes. */
    record Decision(Optional<OutboundNatEdit> edit, String say) {}

    static Decision decide(PfSenseConfig config, Gateway g, boolean masquerade, String changeId) {
        String mode = config.outboundNat().mode().isEmpty() ? "automatic" : config.outboundNat().mode();
        String key = g.interfaceKey();
        boolean translating = config.outboundNat().rules().stream()
                .anyMatch(r -> r.interfaceKey().equals(key) && !r.nonat() && !r.disabled());
        boolean ourNonat = config.outboundNat().rules().stream()
                .anyMatch(r -> r.interfaceKey().equals(key) && r.nonat() && !r.disabled() && r.descr().startsWith(TAG));
        String descr = TAG + " " + changeId + ": " + (masquerade ? "NAT" : "no NAT") + " out " + g.name();
        switch (mode) {
            case "automatic":
                return none(masquerade
                        ? "pfSense outbound NAT is automatic, which never NATs OpenVPN interfaces such as " + g.device()
                        + "; to NAT out " + g.name() + " switch Firewall > NAT > Outbound to Hybrid yourself (a script never switches modes), then rerun"
                        : "pfSense outbound NAT is automatic, which never NATs OpenVPN interfaces: traffic out " + g.device()
                        + " already keeps its addresses; nothing to change on the firewall");
            case "disabled":
                return none("pfSense outbound NAT is disabled: nothing is NATed out " + g.device() + "; nothing to change on the firewall");
            case "hybrid":
                if (!masquerade) {
                    if (ourNonat || !translating) {
                        return none("hybrid outbound NAT has no translating rule for " + key + (ourNonat ? " (and our no-NAT rule is there)" : "")
                                + " and automatic rules skip OpenVPN interfaces: nothing to change on the firewall");
                    }
                    OutboundNatEdit e = new OutboundNatEdit().insert(0, OutboundNatEdit.rule(key, true, descr));
                    return new Decision(Optional.of(e), "add a no-NAT rule for " + key + " (" + g.device() + ") first in hybrid outbound NAT");
                }
                if (translating && !ourNonat) return none("hybrid outbound NAT already NATs out " + key + "; nothing to change on the firewall");
                OutboundNatEdit on = new OutboundNatEdit().removeOnInterface(key, true);
                if (!translating) on.insert(Integer.MAX_VALUE, OutboundNatEdit.rule(key, false, descr));
                return new Decision(Optional.of(on), "remove the no-NAT rules for " + key + (translating ? "" : " and add a NAT rule"));
            case "advanced":
                if (!masquerade) {
                    if (!translating) return none("advanced outbound NAT has no translating rule for " + key + "; nothing to change on the firewall");
                    return new Decision(Optional.of(new OutboundNatEdit().removeOnInterface(key, false)),
                            "remove the translating outbound NAT rules for " + key);
                }
                if (translating) return none("advanced outbound NAT already NATs out " + key + "; nothing to change on the firewall");
                return new Decision(Optional.of(new OutboundNatEdit().insert(Integer.MAX_VALUE, OutboundNatEdit.rule(key, false, descr))),
                        "add a NAT rule for " + key + " to advanced outbound NAT");
            default:
                throw new OpsException("config.xml: outbound NAT mode '" + mode + "' is not one pfSense writes (automatic, hybrid, advanced, disabled)");
        }
    }

    private static Decision none(String say) {
        return new Decision(Optional.empty(), say);
    }
}
