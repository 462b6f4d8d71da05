package ops.nat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.edge.EdgeNat;
import ops.edge.NatRule;

/**
 * The exact, atomic edits of an edge's NAT table: an iptables-restore --noflush delta or an
 * nft -f script, both applied by the kernel in one transaction. Each comes with its inverse.
 *
 * @param command what runs on the edge; the delta itself goes on stdin
 */
public record EdgeChange(String command, String delta, String summary) {

    static final String IPTABLES = "iptables-restore --noflush";
    static final String NFT = "nft -f -";

    /** Removes exactly these rules. */
    public static EdgeChange remove(EdgeNat nat, List<NatRule> rules) {
        if (nat.tool().equals("iptables")) {
            StringBuilder d = new StringBuilder("*nat\n");
            for (NatRule r : rules) d.append("-D ").append(specOf(r)).append('\n');
            return new EdgeChange(IPTABLES, d.append("COMMIT\n").toString(), "remove " + texts(rules));
        }
        StringBuilder d = new StringBuilder();
        for (NatRule r : rules) d.append("delete rule ").append(r.ref()).append('\n');
        return new EdgeChange(NFT, d.toString(), "remove " + texts(rules));
    }

    /** Puts these (previously removed) rules back where they were. */
    public static EdgeChange restore(EdgeNat before, List<NatRule> rules) {
        if (before.tool().equals("iptables")) {
            StringBuilder d = new StringBuilder("*nat\n");
            // ascending positions: each insert lands where it was, the earlier ones already back in place
            for (NatRule r : rules.stream().sorted(Comparator.comparingInt(EdgeChange::position)).toList()) {
                d.append("-I ").append(r.chain()).append(' ').append(position(r)).append(' ')
                        .append(specOf(r).substring(r.chain().length()).strip()).append('\n');
            }
            return new EdgeChange(IPTABLES, d.append("COMMIT\n").toString(), "restore " + texts(rules));
        }
        StringBuilder d = new StringBuilder();
        for (NatRule r : rules) {
            String chain = r.ref().substring(0, r.ref().indexOf(" handle "));
            Optional<NatRule> next = nextInChain(before, r, rules);
            d.append(next.isPresent() ? "insert rule " + chain + " position " + handle(next.get()) : "add rule " + chain)
                    .append(' ').append(r.text()).append('\n');
        }
        return new EdgeChange(NFT, d.toString(), "restore " + texts(rules));
    }

    /** Adds a masquerade rule for the tunnel, first in the chain so no earlier ACCEPT/RETURN skips it. */
    public static EdgeChange addMasquerade(EdgeNat nat, String tunnel) {
        if (nat.tool().equals("iptables")) {
            return new EdgeChange(IPTABLES, "*nat\n-I POSTROUTING 1 -o " + tunnel + " -j MASQUERADE\nCOMMIT\n",
                    "insert -o " + tunnel + " -j MASQUERADE first in the nat table's POSTROUTING chain");
        }
        String rule = "oifname \"" + tunnel + "\" masquerade";
        Optional<String> chain = nftPostroutingChain(nat);
        String d = chain.map(c -> "insert rule " + c + " " + rule + "\n").orElse(
                "add table ip nat\nadd chain ip nat postrouting { type nat hook postrouting priority srcnat; policy accept; }\n"
                        + "add rule ip nat postrouting " + rule + "\n");
        return new EdgeChange(NFT, d, "add " + rule + chain.map(c -> " to " + c).orElse(" in a new table ip nat"));
    }

    /** The inverse of {@link #addMasquerade}: removes the rule it added, found again after applying. */
    public static EdgeChange removeAdded(EdgeNat after, String tunnel) {
        List<NatRule> added = TunnelMasquerade.rules(after, tunnel).stream()
                .filter(r -> r.outIface().equals(tunnel) && r.action().equals("MASQUERADE") && r.source().isEmpty()
                        && r.destination().isEmpty() && r.protocol().isEmpty())
                .limit(1).toList();
        if (added.isEmpty()) {
            throw new OpsException("the masquerade rule for " + tunnel + " is not in the rules read back; it was not added");
        }
        return remove(after, added);
    }

    /** "-A POSTROUTING -o tun0 -j MASQUERADE" → "POSTROUTING -o tun0 -j MASQUERADE". */
    private static String specOf(NatRule r) {
        String t = r.text().strip();
        if (!t.startsWith("-A ")) throw new OpsException("not an iptables-save rule: " + t);
        return t.substring(3);
    }

    private static int position(NatRule r) {
        return Integer.parseInt(r.ref().substring(r.ref().lastIndexOf(' ') + 1));
    }

    private static String handle(NatRule r) {
        return r.ref().substring(r.ref().lastIndexOf(' ') + 1);
    }

    private static Optional<NatRule> nextInChain(EdgeNat nat, NatRule r, List<NatRule> removed) {
        String chain = r.ref().substring(0, r.ref().indexOf(" handle "));
        List<NatRule> same = new ArrayList<>(nat.rules().stream().filter(x -> x.ref().startsWith(chain + " handle ")).toList());
        int i = same.indexOf(r);
        for (int j = i + 1; j < same.size(); j++) {
            if (!removed.contains(same.get(j))) return Optional.of(same.get(j));
        }
        return Optional.empty();
    }

    private static Optional<String> nftPostroutingChain(EdgeNat nat) {
        return nat.rules().stream().filter(r -> r.chain().equals("POSTROUTING") && r.ref().contains(" handle "))
                .map(r -> r.ref().substring(0, r.ref().indexOf(" handle "))).findFirst();
    }

    private static String texts(List<NatRule> rules) {
        return String.join("; ", rules.stream().map(NatRule::text).toList());
    }
}
