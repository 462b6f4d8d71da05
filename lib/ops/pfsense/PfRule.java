package ops.pfsense;

import java.util.Optional;

/**
 * One rule of {@code pfctl -sr} as pf printed it; only the parts the audit reads.
 *
 * @param action      pass, block, match
 * @param direction   in, out or "" (both)
 * @param iface       the {@code on <if>} interface, "" for none ("! em0" keeps the negation)
 * @param replyTo     the interface and gateway of {@code reply-to (<if> <gw>)}
 * @param routeTo     likewise for {@code route-to}
 * @param ridentifier pfSense writes a user rule's tracker here
 */
public record PfRule(int line, String action, String direction, boolean quick, String iface,
                     Optional<Target> replyTo, Optional<Target> routeTo, String label, String ridentifier,
                     String text) {

    /** "(ovpnc1 10.8.1.1)" → iface ovpnc1, gateway 10.8.1.1 (gateway "" when pf printed only an interface). */
    public record Target(String iface, String gateway) {}
}
