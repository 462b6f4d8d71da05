package ops.edge;

import java.util.Comparator;
import java.util.List;

/** An edge's NAT rules and the tool they came from ("iptables" or "nftables"). */
public record EdgeNat(String tool, List<NatRule> rules) {

    /** The rules of a chain in evaluation order (base chains of one hook by priority). */
    public List<NatRule> chain(String name) {
        return rules.stream().filter(r -> r.chain().equals(name))
                .sorted(Comparator.comparingInt(NatRule::priority)) // stable: keeps file order within a priority
                .toList();
    }
}
