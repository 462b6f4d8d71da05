package ops.live;

import java.util.Optional;
import ops.base.OpsException;
import ops.edge.EdgeNat;
import ops.edge.IptablesSaveReader;
import ops.edge.NftJsonReader;

/**
 * Which of an edge's two rule dumps to keep: an edge may answer both `iptables-save` and
 * `nft -j list ruleset` (iptables-nft shows the same rules twice), but a snapshot holds one.
 * Keep iptables-save's when it has NAT rules, else nft's when it has NAT rules, else the
 * (empty) iptables output, so the audit sees "no NAT" rather than nothing. NAT rules in both
 * tools' own tables are refused: the audit would see half of what the edge does.
 */
final class EdgeRules {
    private EdgeRules() {}

    /** @param natFound whether the kept dump holds NAT rules */
    record Kept(Optional<String> iptables, Optional<String> nftJson, boolean natFound) {}

    static Kept choose(String at, Optional<String> iptables, Optional<String> nftJson) {
        if (iptables.isPresent() && hasNat(() -> IptablesSaveReader.read(at + ".iptables", iptables.get()))) {
            nativeNftTable(at, nftJson).ifPresent(table -> {
                throw new OpsException(at + ": NAT rules both in iptables and in nftables table " + table + "; both are in force, so"
                        + " neither alone says what the edge does; keep the edge's NAT in one tool (iptables-nft's own `ip nat` is fine)");
            });
            return new Kept(iptables, Optional.empty(), true);
        }
        if (nftJson.isPresent() && hasNat(() -> NftJsonReader.read(at + ".nft.json", nftJson.get()))) {
            return new Kept(Optional.empty(), nftJson, true);
        }
        if (iptables.isPresent()) return new Kept(iptables, Optional.empty(), false);
        return new Kept(Optional.empty(), nftJson, false);
    }

    /** The tables iptables-nft itself keeps in nftables: what iptables-save shows too. */
    private static final java.util.Set<String> IPTABLES_TABLES = java.util.Set.of("nat", "filter", "mangle", "raw", "security");

    /** A table other than iptables-nft's own that holds NAT rules: rules iptables-save does not show. */
    private static Optional<String> nativeNftTable(String at, Optional<String> nftJson) {
        if (nftJson.isEmpty()) return Optional.empty();
        try {
            return NftJsonReader.read(at + ".nft.json", nftJson.get()).rules().stream().filter(r -> r.isDnat() || r.isSourceNat())
                    .map(r -> r.ref().split(" ")).filter(ref -> ref.length > 1 && !(ref[0].equals("ip") && IPTABLES_TABLES.contains(ref[1])))
                    .map(ref -> ref[0] + " " + ref[1]).findFirst();
        } catch (OpsException unreadable) {
            return Optional.empty(); // iptables' rules are readable and are what the audit uses
        }
    }

    private static boolean hasNat(java.util.function.Supplier<EdgeNat> read) {
        try {
            return !read.get().rules().isEmpty();
        } catch (OpsException unreadable) {
            return true; // keep it, so the audit reports what is wrong with it instead of hiding it
        }
    }
}
