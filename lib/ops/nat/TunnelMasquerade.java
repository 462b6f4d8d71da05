package ops.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.edge.EdgeNat;
import ops.edge.NatRule;

/**
 * The rules on an edge that masquerade (or SNAT) traffic leaving by its tunnel interface:
 * what nat-toggle shows, removes or adds — and nothing else.
 */
public final class TunnelMasquerade {
    private TunnelMasquerade() {}

    /** Source-NAT rules in POSTROUTING (and the chains it jumps to) whose out-interface can be the tunnel. */
    public static List<NatRule> rules(EdgeNat nat, String tunnel) {
        List<NatRule> out = new ArrayList<>();
        collect(nat, "POSTROUTING", tunnel, out, 0);
        return out;
    }

    private static void collect(EdgeNat nat, String chain, String tunnel, List<NatRule> out, int depth) {
        if (depth > 8) return;
        for (NatRule r : nat.chain(chain)) {
            if ((r.action().equals("JUMP") || r.action().equals("GOTO")) && outCanBe(r.outIface(), tunnel)) {
                collect(nat, r.jumpTo(), tunnel, out, depth + 1);
            } else if (r.isSourceNat() && outCanBe(r.outIface(), tunnel)) {
                out.add(r);
            }
        }
    }

    private static boolean outCanBe(String out, String tunnel) {
        if (out.isEmpty()) return true;
        if (out.startsWith("!")) return !matches(out.substring(1), tunnel);
        return matches(out, tunnel);
    }

    private static boolean matches(String pattern, String iface) {
        return pattern.endsWith("+") ? iface.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(iface);
    }

    /**
     * Why removing this rule would change more than the tunnel's masquerade, or could not be
     * undone exactly; empty when it is safe to remove.
     */
    public static Optional<String> whyNotRemovable(NatRule r, String tunnel) {
        if (!r.outIface().equals(tunnel)) {
            return Optional.of("it masquerades more than " + tunnel + " (out-interface '"
                    + (r.outIface().isEmpty() ? "any" : r.outIface()) + "'); removing it would also stop NAT elsewhere."
                    + " Split it into a rule for " + tunnel + " and one for the other interfaces first");
        }
        if (!r.unmodeled().isEmpty() && r.ref().contains(" handle ")) {
            return Optional.of("it has parts nat-toggle cannot reproduce for undo (" + String.join(" ", r.unmodeled())
                    + "); change it by hand");
        }
        return Optional.empty();
    }
}
