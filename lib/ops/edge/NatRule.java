package ops.edge;

import java.util.List;

/**
 * One rule of an edge's NAT table, from iptables-save or nft JSON, as written there.
 * Matches keep iptables' spelling: "" = not matched, a leading "!" = negated, "tun+" = wildcard.
 *
 * @param chain       PREROUTING, POSTROUTING, OUTPUT, INPUT for base chains, else the chain's name
 * @param priority    nft base-chain priority (iptables: 0), to order several base chains of one hook
 * @param action      DNAT, SNAT, MASQUERADE, ACCEPT, RETURN, JUMP, GOTO, or another iptables target
 * @param jumpTo      the chain of JUMP/GOTO
 * @param protocol    tcp, udp, ... or ""
 * @param dports      "443", "8000:8010", "80,443" or ""
 * @param toAddress   DNAT/SNAT address (first of a range) or ""
 * @param toPort      DNAT/SNAT port or range, or ""
 * @param unmodeled   matches we do not evaluate (marks, conntrack...): such a rule may or may not match
 * @param text        the rule as the tool prints it (iptables-save line, or a rendering of the nft rule)
 * @param locator     where it is, for people: "edges/E.iptables line 12", "...: table ip nat chain postrouting handle 4"
 * @param ref         where it is, for commands: "POSTROUTING 3" (chain, 1-based position) for iptables,
 *                    "ip nat postrouting handle 4" for nft
 */
public record NatRule(String chain, int priority, String action, String jumpTo, String inIface, String outIface,
                      String source, String destination, String protocol, String dports,
                      String toAddress, String toPort, List<String> unmodeled, String text, String locator, String ref) {

    public boolean isDnat() { return action.equals("DNAT"); }

    public boolean isSourceNat() { return action.equals("MASQUERADE") || action.equals("SNAT"); }
}
