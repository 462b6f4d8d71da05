package ops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.edge.EdgeInterface;
import ops.edge.NatRule;
import ops.model.Edge;
import ops.net.IpAddress;
import ops.net.Prefix;

/**
 * Where the internet reaches a published path: the DNAT rule's destination when it names one
 * address, else the one IPv4 address of the interface the rule matches (`ip -j addr`). Never
 * guessed: anything else is "cannot be told", with the reason. Used by source-ip-check (where to probe)
 * and by the audit's diagram (the address each edge publishes).
 */
public final class EdgePublicAddress {
    private EdgePublicAddress() {}

    /** The address and how it was found, or empty and why not. */
    public record Answer(Optional<IpAddress> address, String how) {}

    public static Answer of(NatRule rule, Edge edge) {
        String dst = rule.destination();
        Optional<Prefix> within = Optional.empty();
        if (!dst.isEmpty() && !dst.startsWith("!") && !dst.contains(",")) {
            Optional<Prefix> p = Prefix.tryParse(dst).filter(x -> x.family() == IpAddress.Family.INET);
            if (p.isPresent() && p.get().isHost()) return new Answer(Optional.of(p.get().network()), "the DNAT rule's destination");
            within = p;
        }
        String in = rule.inIface();
        String where = "the DNAT rule (" + rule.locator() + ")";
        if (in.isEmpty() || in.startsWith("!")) {
            return unknown(where + " matches neither one destination address nor an input interface");
        }
        if (edge.interfaces().isEmpty()) {
            return unknown(where + " matches interface " + in + ", but the edge's addresses (`ip -j addr`) were not read");
        }
        List<IpAddress> candidates = new ArrayList<>();
        for (EdgeInterface i : edge.interfaces()) {
            if (!EdgeNatPaths.ifaceMatches(in, i.name())) continue;
            for (EdgeInterface.Address a : i.addresses()) {
                if (a.local().isV4() && within.map(p -> p.contains(a.local())).orElse(true)) candidates.add(a.local());
            }
        }
        if (candidates.size() == 1) return new Answer(Optional.of(candidates.get(0)), "the address of " + in);
        if (candidates.isEmpty()) return unknown(where + " matches interface " + in + ", which has no IPv4 address"
                + within.map(p -> " in " + p).orElse(""));
        return unknown(where + " matches interface " + in + ", which has several IPv4 addresses ("
                + String.join(", ", candidates.stream().map(IpAddress::toString).toList()) + "): which one is published cannot be told");
    }

    private static Answer unknown(String why) {
        return new Answer(Optional.empty(), why);
    }
}
