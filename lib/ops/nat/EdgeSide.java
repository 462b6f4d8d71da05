package ops.nat;

import java.time.Duration;
import java.util.List;
import ops.base.OpsException;
import ops.edge.EdgeNat;
import ops.edge.IptablesSaveReader;
import ops.edge.NftJsonReader;
import ops.edge.NatRule;
import ops.remote.Remote;
import ops.remote.Sudo;

/**
 * nat-toggle's hands on one edge: read its NAT rules the way it keeps them, apply an
 * {@link EdgeChange} atomically, and tell old state from new after anything goes wrong.
 */
final class EdgeSide {
    private final Remote host;
    private final String tool;

    EdgeSide(Remote host, String tool) {
        this.host = host;
        this.tool = tool;
    }

    Remote host() { return host; }

    String tool() { return tool; }

    EdgeNat readNat() {
        String cmd = tool.equals("iptables") ? "iptables-save -t nat" : "nft -j list ruleset";
        Remote.Result r = host.run(Sudo.wrap(cmd), "", Duration.ofSeconds(30));
        Sudo.refusal(host, cmd, r).ifPresent(m -> { throw new OpsException(m); });
        if (!r.ok()) throw new OpsException(host.name() + ": `" + cmd + "` failed: " + r.firstErrorLine());
        String source = host.name() + ":" + cmd;
        return tool.equals("iptables") ? IptablesSaveReader.read(source, r.out()) : NftJsonReader.read(source, r.out());
    }

    /** The nat rules in order, without handles or counters: equal when nobody changed anything. */
    static String fingerprint(EdgeNat nat) {
        StringBuilder sb = new StringBuilder();
        for (NatRule r : nat.rules()) sb.append(r.chain()).append(' ').append(r.text()).append('\n');
        return sb.toString();
    }

    /** Runs the delta; a rejected delta changed nothing (the kernel applies it whole or not at all). */
    void apply(EdgeChange change) {
        Remote.Result r = host.run(Sudo.wrap(change.command()), change.delta(), Duration.ofSeconds(30));
        Sudo.refusal(host, change.command(), r).ifPresent(m -> { throw new OpsException(m, null, 3); });
        if (!r.ok()) {
            throw new OpsException(host.name() + ": `" + change.command() + "` refused the change: " + r.firstErrorLine()
                    + "; nothing was changed (the delta is atomic)", null, 3);
        }
    }

    /** Saves the running rules the way the edge persists them; returns a warning line or "". */
    String persist(Persistence p, String stamp) {
        var cmd = p.saveCommand(stamp);
        if (cmd.isEmpty()) return "warning: " + host.name() + ": " + p.describe();
        Remote.Result r = host.run(Sudo.wrap("sh -c " + ops.text.Shell.quote(cmd.get())), "", Duration.ofSeconds(30));
        if (!r.ok()) {
            return "warning: " + host.name() + ": the change is live but was not persisted (" + r.firstErrorLine()
                    + "); run `" + cmd.get() + "` by hand";
        }
        return "";
    }

    /** Why an edge gave no NAT rules at all: sudo refused, or neither tool is there. */
    static String whyNoRules(Remote host) {
        for (String cmd : List.of("iptables-save -t nat", "nft -j list ruleset")) {
            Remote.Result r = host.run(Sudo.wrap(cmd), "", Duration.ofSeconds(30));
            var refused = Sudo.refusal(host, cmd, r);
            if (refused.isPresent()) return refused.get();
        }
        return host.name() + ": neither iptables-save nor nft works there (not installed, or not on the PATH of the login);"
                + " nat-toggle needs iptables or nftables on the edge";
    }

    static List<NatRule> masquerade(EdgeNat nat, String tunnel) {
        return TunnelMasquerade.rules(nat, tunnel);
    }
}
