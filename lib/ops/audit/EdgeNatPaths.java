package ops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.edge.NatRule;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.net.Prefix;

/**
 * The edge's half of a path: which public ports it DNATs into the tunnel, and whether its
 * POSTROUTING chain masquerades (or SNATs) that traffic on the way into the tunnel.
 * {@link #intoTunnel(Edge, Gateway)} is public: route-audit's paths are what source-ip-check probes.
 */
public final class EdgeNatPaths {
    private EdgeNatPaths() {}

    /**
     * One published port: "tcp/443 on the edge goes to 10.8.1.2:443".
     *
     * @param assumption set when it is only assumed to feed the tunnel (which edge interface is the
     *                   tunnel was not read): the reason, naming what would settle it
     */
    public record Published(NatRule rule, String protocol, int publicPort, String publicPorts, IpAddress to, int toPort,
                            Optional<String> assumption) {
        /** "tcp/443", as the path matrix names it. */
        public String service() { return protocol + "/" + publicPorts; }

        Published assumed(String why) {
            return new Published(rule, protocol, publicPort, publicPorts, to, toPort, Optional.of(why));
        }
    }

    /**
     * MASQUERADED with the address the server then sees, NOT, or UNKNOWN with why.
     *
     * @param assumption set when the deciding rule names an out-interface that could not be placed
     *                   (the edge's tunnel interface is unknown) and was taken to be the tunnel
     */
    record Masquerade(State state, Optional<NatRule> rule, Optional<IpAddress> seenAs, String why, Optional<String> assumption) {
        enum State { MASQUERADED, NOT, UNKNOWN }

        Masquerade(State state, Optional<NatRule> rule, Optional<IpAddress> seenAs, String why) {
            this(state, rule, seenAs, why, Optional.empty());
        }
    }

    private static final int MAX_PORTS_PER_RULE = 16;

    static List<Published> published(EdgeNat nat) {
        List<Published> out = new ArrayList<>();
        for (NatRule r : nat.rules()) {
            if (!r.isDnat() || r.chain().equals("POSTROUTING") || r.chain().equals("INPUT")) continue;
            Optional<IpAddress> to = IpAddress.tryParse(r.toAddress()).filter(IpAddress::isV4);
            if (to.isEmpty()) continue;
            List<String> protos = r.protocol().isEmpty() || r.protocol().startsWith("!") ? List.of("tcp", "udp") : List.of(r.protocol());
            for (String proto : protos) {
                for (String ports : portItems(r.dports())) {
                    int first = firstPort(ports);
                    if (first < 0) continue; // a DNAT of every port: not a published service we can name
                    int toPort = r.toPort().isEmpty() ? first : firstPort(r.toPort());
                    out.add(new Published(r, proto, first, ports, to.get(), toPort < 0 ? first : toPort, Optional.empty()));
                }
            }
        }
        return out;
    }

    /**
     * The edge's published ports that feed this gateway's tunnel: one path each. A DNAT to the
     * firewall's own address on the gateway's device feeds it for sure, one to the firewall's
     * address on another tunnel never; otherwise the edge's tunnel interface decides, and when
     * that is unknown the path is kept as an assumption.
     */
    public static List<Published> intoTunnel(Topology t, Edge edge, Gateway gateway) {
        if (edge.nat().isEmpty()) return List.of();
        Optional<EdgeInterface> tunnel = t.tunnel(edge, gateway);
        List<Published> out = new ArrayList<>();
        for (Published p : published(edge.nat().get())) {
            Optional<String> owner = t.addresses().ownerOf(p.to());
            if (owner.isPresent() && owner.get().equals(gateway.device())) {
                out.add(p);
            } else if (owner.isPresent() && (Gateway.isOpenVpnDevice(owner.get()) || Gateway.isWireGuardDevice(owner.get()))) {
                continue; // the firewall's address on another tunnel: that gateway's path
            } else if (tunnel.isPresent()) {
                if (intoTunnel(edge, tunnel, p.to())) out.add(p);
            } else {
                out.add(p.assumed("assumed to go into " + gateway.name() + "'s tunnel: which edge interface is the tunnel is unknown ("
                        + (edge.interfaces().isEmpty() ? "add edges/" + gateway.name() + ".addr.json, `ip -j addr` on the edge"
                        : "no edge interface holds " + gateway.addressText() + " or faces the firewall's tunnel address") + ")"));
            }
        }
        return out;
    }

    private static List<String> portItems(String dports) {
        if (dports.isEmpty() || dports.startsWith("!")) return List.of("*");
        List<String> items = new ArrayList<>();
        for (String p : dports.split(",")) {
            if (items.size() == MAX_PORTS_PER_RULE) break;
            items.add(p.trim().replace('-', ':'));
        }
        return items;
    }

    private static int firstPort(String ports) {
        try {
            return Integer.parseInt(ports.split("[:-]")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Whether the edge sends the DNAT target through the tunnel. Unknown (no addresses or
     * routes read) counts as yes: DNAT on an edge exists to feed the tunnel.
     */
    static boolean intoTunnel(Edge edge, Optional<EdgeInterface> tunnel, IpAddress to) {
        if (tunnel.isEmpty()) return true;
        // the far end of the tunnel is where such a DNAT points, up or not: a tunnel that is down
        // has lost its connected route, and its paths are then down, not gone
        for (EdgeInterface.Address a : tunnel.get().addresses()) {
            if (a.peer().map(to::equals).orElse(false)
                    || (a.local().isV4() && !a.local().equals(to) && new Prefix(a.local(), a.prefixLen()).contains(to))) {
                return true;
            }
        }
        if (edge.routes().isPresent()) {
            return edge.routes().get().lookup(to).map(r -> r.netif().equals(tunnel.get().name())).orElse(false);
        }
        for (EdgeInterface i : edge.interfaces()) {
            for (EdgeInterface.Address a : i.addresses()) {
                if (a.local().equals(to)) return false; // the edge itself
                if (!i.name().equals(tunnel.get().name()) && a.local().isV4()
                        && new Prefix(a.local(), a.prefixLen()).contains(to)) {
                    return false; // on another of the edge's own networks
                }
            }
        }
        return true;
    }

    /** Walks POSTROUTING for a packet from a public client to {@code p.to()} leaving by the tunnel. */
    static Masquerade masquerade(EdgeNat nat, Optional<EdgeInterface> tunnel, Set<String> publicIfaces,
                                 Published p, Gateway gateway) {
        return walk(nat, "POSTROUTING", tunnel, publicIfaces, p, gateway, 0)
                .orElse(new Masquerade(Masquerade.State.NOT, Optional.empty(), Optional.empty(),
                        "no MASQUERADE/SNAT rule matches traffic into the tunnel"));
    }

    private static Optional<Masquerade> walk(EdgeNat nat, String chain, Optional<EdgeInterface> tunnel, Set<String> publicIfaces,
                                             Published p, Gateway gateway, int depth) {
        if (depth > 8) {
            return Optional.of(new Masquerade(Masquerade.State.UNKNOWN, Optional.empty(), Optional.empty(),
                    "NAT chains jump more than 8 levels deep"));
        }
        for (NatRule r : nat.chain(chain)) {
            Optional<Boolean> out = outMatches(r.outIface(), tunnel, publicIfaces);
            if (out.isPresent() && !out.get()) continue;
            if (!sourceMatchesPublicClient(r.source())) continue;
            if (!prefixMatches(r.destination(), p.to())) continue;
            if (!r.protocol().isEmpty() && !negatable(r.protocol(), p.protocol()::equals)) continue;
            if (!r.dports().isEmpty() && !negatable(r.dports(), d -> portIn(d, p.toPort()))) continue;
            switch (r.action()) {
                case "MASQUERADE", "SNAT" -> {
                    Optional<IpAddress> seen = r.action().equals("SNAT") ? IpAddress.tryParse(r.toAddress())
                            : tunnel.flatMap(t -> t.addresses().stream().map(EdgeInterface.Address::local)
                                    .filter(IpAddress::isV4).findFirst()).or(gateway::address);
                    Optional<String> assumed = out.isPresent() ? Optional.empty() : Optional.of("the edge's tunnel interface is unknown, so '-o "
                            + r.outIface() + "' of " + r.locator() + " is assumed to be it (edges/" + gateway.name() + ".addr.json, `ip -j addr` on the edge, settles it)");
                    String why = r.action() + " by " + r.locator() + (out.isEmpty() ? " (tunnel interface not read: assumed to match)" : "")
                            + (r.unmodeled().isEmpty() ? "" : " (assuming " + String.join(" ", r.unmodeled()) + " matches)");
                    return Optional.of(new Masquerade(Masquerade.State.MASQUERADED, Optional.of(r), seen, why, assumed));
                }
                case "ACCEPT", "RETURN" -> {
                    if (r.action().equals("RETURN") && depth > 0) return Optional.empty();
                    return Optional.of(new Masquerade(Masquerade.State.NOT, Optional.of(r), Optional.empty(),
                            r.action() + " by " + r.locator() + " before any masquerade"));
                }
                case "JUMP", "GOTO" -> {
                    Optional<Masquerade> inner = walk(nat, r.jumpTo(), tunnel, publicIfaces, p, gateway, depth + 1);
                    if (inner.isPresent() || r.action().equals("GOTO")) return inner;
                }
                default -> { } // counters, LOG, marks: evaluation goes on
            }
        }
        return Optional.empty();
    }

    /** Empty when the tunnel interface is unknown and the rule names one we cannot place. */
    private static Optional<Boolean> outMatches(String out, Optional<EdgeInterface> tunnel, Set<String> publicIfaces) {
        if (out.isEmpty()) return Optional.of(true);
        boolean neg = out.startsWith("!");
        String name = neg ? out.substring(1) : out;
        if (tunnel.isEmpty()) {
            // never towards the public side: a rule for the public interface is not about the tunnel
            if (publicIfaces.stream().anyMatch(i -> ifaceMatches(name, i))) return Optional.of(neg);
            return neg ? Optional.of(true) : Optional.empty();
        }
        return Optional.of(neg != ifaceMatches(name, tunnel.get().name()));
    }

    /** iptables' interface match: "tun+" is a prefix. */
    public static boolean ifaceMatches(String pattern, String iface) {
        return pattern.endsWith("+") ? iface.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(iface);
    }

    private static boolean sourceMatchesPublicClient(String src) {
        if (src.isEmpty()) return true;
        boolean neg = src.startsWith("!");
        Optional<Prefix> p = Prefix.tryParse(neg ? src.substring(1) : src);
        if (p.isEmpty()) return true; // a set or something we do not read: may match
        boolean coversPublic = p.get().length() == 0 || PublicSpace.NOT_PUBLIC.stream().noneMatch(np -> np.contains(p.get()));
        return neg ? !(p.get().length() == 0) : coversPublic;
    }

    private static boolean prefixMatches(String spec, IpAddress a) {
        if (spec.isEmpty()) return true;
        boolean neg = spec.startsWith("!");
        String body = neg ? spec.substring(1) : spec;
        boolean any = false, known = false;
        for (String item : body.split(",")) {
            Optional<Prefix> p = Prefix.tryParse(item.trim());
            if (p.isPresent()) { known = true; any |= p.get().contains(a); }
        }
        if (!known) return true;
        return neg != any;
    }

    private static boolean negatable(String spec, java.util.function.Predicate<String> test) {
        boolean neg = spec.startsWith("!");
        return neg != test.test(neg ? spec.substring(1) : spec);
    }

    private static boolean portIn(String spec, int port) {
        for (String item : spec.split(",")) {
            String[] r = item.trim().split("[:-]");
            try {
                int lo = Integer.parseInt(r[0]), hi = r.length > 1 ? Integer.parseInt(r[1]) : lo;
                if (port >= lo && port <= hi) return true;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }
}
