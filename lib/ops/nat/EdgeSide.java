package ops.nat;

import java.time.Duration;
import java.util.List;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Command;
import ops.change.Host;
import ops.change.Verdict;
import ops.edge.EdgeNat;
import ops.edge.IptablesSaveReader;
import ops.edge.NatRule;
import ops.edge.NftJsonReader;
import ops.remote.Remote;

/**
 * nat-toggle's view of one edge: the read of its NAT rules as the edge keeps them, the checks
 * made of it (still as planned; masquerading into the tunnel or not), and the answer after a
 * failure: the old state or the new one, and which.
 */
final class EdgeSide {
    private final Host host;
    private final String tool;
    private final String tunnel;

    EdgeSide(Host host, String tool, String tunnel) {
        this.host = host;
        this.tool = tool;
        this.tunnel = tunnel;
    }

    Host host() { return host; }

    String tool() { return tool; }

    String tunnel() { return tunnel; }

    Command read() {
        return Command.asRoot(tool.equals("iptables") ? "iptables-save -t nat" : "nft -j list ruleset").within(Duration.ofSeconds(30));
    }

    /** The rules a read returned; sudo's refusal or a failed read in one line. */
    EdgeNat parse(Remote remote, Remote.Result r) {
        Command read = read();
        read.refusal(remote, r).ifPresent(m -> { throw new OpsException(m); });
        if (!r.ok()) throw new OpsException(remote.name() + ": `" + read.text() + "` failed: " + r.firstErrorLine());
        String source = remote.name() + ":" + read.text();
        return tool.equals("iptables") ? IptablesSaveReader.read(source, r.out()) : NftJsonReader.read(source, r.out());
    }

    /** The rules are exactly {@code fingerprint}: nobody changed them since the plan read them, or they are back as before a change. */
    Check rulesAre(String fingerprint, String expects) {
        return Check.once(host, expects, read(), (remote, r) -> fingerprint(parse(remote, r)).equals(fingerprint));
    }

    /** Traffic into the tunnel is masqueraded ({@code on}) or not. */
    Check masquerading(boolean on) {
        return Check.once(host, "traffic into " + tunnel + " is " + (on ? "" : "not ") + "masqueraded", read(),
                (remote, r) -> !TunnelMasquerade.rules(parse(remote, r), tunnel).isEmpty() == on);
    }

    /** The rules a verdict read; the verdict must have read them. */
    EdgeNat rules(Verdict v) {
        return parse(host.remote(), v.read().orElseThrow());
    }

    /** Which state a read after a failure found, {@code wanted} being the new one. */
    String state(Verdict v, boolean wanted) {
        if (v.read().isEmpty()) return "could not read " + host.name() + " back to tell old state from new: check it before anything else";
        boolean masq = v.holds() == wanted;
        return host.name() + " now " + (masq ? "masquerades" : "does not masquerade") + " into " + tunnel + ": "
                + (v.holds() ? "the NEW state (applied, not yet persisted; undo works)" : "the OLD state (nothing changed)");
    }

    /** The nat rules in order, without handles or counters: equal when nobody changed anything. */
    static String fingerprint(EdgeNat nat) {
        StringBuilder sb = new StringBuilder();
        for (NatRule r : nat.rules()) sb.append(r.chain()).append(' ').append(r.text()).append('\n');
        return sb.toString();
    }

    /** Why an edge gave no NAT rules at all: sudo refused, or neither tool is there. */
    static String whyNoRules(Remote host) {
        for (String cmd : List.of("iptables-save -t nat", "nft -j list ruleset")) {
            Command read = Command.asRoot(cmd).within(Duration.ofSeconds(30));
            var refused = read.refusal(host, read.run(host));
            if (refused.isPresent()) return refused.get();
        }
        return host.name() + ": neither iptables-save nor nft works there (not installed, or not on the PATH of the login);"
                + " nat-toggle needs iptables or nftables on the edge";
    }
}
