package ops.audit;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.edge.EdgeInterface;
import ops.edge.NatRule;
import ops.model.Edge;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.pfsense.PfSenseConfig;
import ops.pfsense.PfSenseConfig.PortForward;

/**
 * Follows every published path: the edge's DNAT (and masquerade), the tunnel into the
 * gateway's interface, pfSense's port forward and pass rule, then the reply: pinned by
 * reply-to, or routed by the firewall's table.
 */
final class PathTracer {
    private final Topology t;
    private final Match match;

    PathTracer(Topology t) {
        this.t = t;
        this.match = new Match(t);
    }

    List<TracedPath> trace() {
        List<TracedPath> out = new ArrayList<>();
        for (Gateway g : t.gateways()) {
            if (!g.isV4() || g.disabled()) continue;
            Optional<Edge> edge = t.edge(g.name());
            if (edge.isPresent() && edge.get().natRead()) {
                out.addAll(fromEdge(g, edge.get()));
            } else if (g.isVpn()) {
                out.addAll(fromPortForwards(g));
            }
        }
        return out;
    }

    private List<TracedPath> fromEdge(Gateway g, Edge edge) {
        List<TracedPath> out = new ArrayList<>();
        Optional<EdgeInterface> tunnel = t.tunnel(edge, g);
        Set<String> publicIfaces = new LinkedHashSet<>();
        for (NatRule r : edge.nat().get().rules()) {
            if (r.isDnat() && !r.inIface().isEmpty() && !r.inIface().startsWith("!")) publicIfaces.add(r.inIface());
        }
        for (EdgeNatPaths.Published p : EdgeNatPaths.intoTunnel(t, edge, g)) {
            EdgeNatPaths.Masquerade m = EdgeNatPaths.masquerade(edge.nat().get(), tunnel, publicIfaces, p, g);
            List<String> notes = new ArrayList<>();
            if (tunnel.isEmpty() && g.address().isPresent() && !edge.interfaces().isEmpty()) {
                notes.add("no edge interface holds " + g.addressText() + " or faces the firewall's tunnel address: tunnel interface unknown");
            }
            notes.add(m.why());
            m.assumption().ifPresent(notes::add);
            TracedPath traced = atFirewall(g, p.service(), p.rule().text(), p.protocol(), p.to(), p.toPort(), m, notes);
            if (p.assumption().isPresent()) {
                traced = assumed(traced, p.assumption().get());
            } else if (m.assumption().isPresent() && traced.assumption().isEmpty()) {
                traced = traced.assuming(m.assumption().get()); // the verdict stands on it: said in the notes and in RA116
            }
            out.add(traced);
        }
        return out;
    }

    /** Edge not read: the published services are the port forwards on the gateway's interface. */
    private List<TracedPath> fromPortForwards(Gateway g) {
        List<TracedPath> out = new ArrayList<>();
        for (PortForward f : t.config().portForwards()) {
            if (f.disabled() || f.nordr() || !forwardOnInterface(f, g)) continue;
            int port = firstPort(f.destination().port());
            if (port < 0) continue;
            for (String proto : protocols(f.protocol())) {
                EdgeNatPaths.Masquerade unknown = new EdgeNatPaths.Masquerade(EdgeNatPaths.Masquerade.State.UNKNOWN,
                        Optional.empty(), Optional.empty(), "edge NAT rules not read");
                String service = proto + "/" + f.destination().port();
                Optional<IpAddress> dst = destinationOf(f, g);
                if (dst.isEmpty()) {
                    String why = match.unknownAddress(f.destination())
                            .orElse("the firewall's own address on " + g.device() + " is unknown: "
                                    + t.addresses().unknownWhy(g.device()).orElse("not read"));
                    out.add(unknownRow(g, service, "", f.destination().network() + ":" + port, unknown,
                            new ArrayList<>(List.of("edge NAT rules not read", why)), Optional.of(f)));
                    continue;
                }
                out.add(atFirewall(g, service, "", proto, dst.get(), port, unknown,
                        new ArrayList<>(List.of("edge NAT rules not read"))));
            }
        }
        return out;
    }

    /** A path that depends on something not read: what would follow is kept in the notes, the verdict is UNKNOWN. */
    private static TracedPath assumed(TracedPath p, String why) {
        if (p.row().verdict() == Verdict.DOWN) return p; // a tunnel that is down is down, whatever it would carry
        List<String> notes = new ArrayList<>();
        notes.add(why);
        notes.add("if so: " + p.row().verdict());
        notes.addAll(p.row().notes());
        PathRow r = p.row();
        return new TracedPath(new PathRow(r.gateway(), r.service(), r.edgeRule(), r.edgeSendsTo(), r.server(), r.serverSees(), r.replyLeavesBy(),
                r.replyTo(), r.passRule(), Verdict.UNKNOWN, List.copyOf(notes)), p.gateway(), p.passRule(), p.replyTo(), p.forward(),
                p.masquerade(), Optional.of(why));
    }

    private TracedPath unknownRow(Gateway g, String service, String edgeRule, String edgeSendsTo, EdgeNatPaths.Masquerade m,
                                  List<String> notes, Optional<PortForward> forward) {
        return new TracedPath(new PathRow(g.name(), service, edgeRule, edgeSendsTo, "", serverSees(m), "-", false, "", Verdict.UNKNOWN,
                List.copyOf(notes)), g, Optional.empty(), Optional.empty(), forward, m.state(), Optional.of(notes.get(notes.size() - 1)));
    }

    /** What the server sees: the real client, the address the edge masquerades to, or unknown. */
    private static String serverSees(EdgeNatPaths.Masquerade m) {
        return switch (m.state()) {
            case MASQUERADED -> m.seenAs().map(IpAddress::toString).orElse("edge");
            case NOT -> "client";
            case UNKNOWN -> "unknown";
        };
    }

    private TracedPath atFirewall(Gateway g, String service, String edgeRule, String proto, IpAddress to, int toPort,
                                  EdgeNatPaths.Masquerade m, List<String> notes) {
        List<String> assumptions = new ArrayList<>();
        TracedPath p = throughFirewall(g, service, edgeRule, proto, to, toPort, m, notes, assumptions);
        return assumptions.isEmpty() ? p : assumed(p, assumptions.get(0));
    }

    /** The firewall's half; where a rule field could not be told (an unknown interface address), it is added to assumptions. */
    private TracedPath throughFirewall(Gateway g, String service, String edgeRule, String proto, IpAddress to, int toPort,
                                       EdgeNatPaths.Masquerade m, List<String> notes, List<String> assumptions) {
        String edgeSendsTo = to + ":" + toPort;
        // an interface that is down has lost its connected route to the gateway; a tunnel that never came up
        // has neither an address (ifconfig) nor a route
        boolean gone = g.address().isEmpty() && g.isVpn() && t.addresses().fromIfconfig() && t.addresses().on(g.device()).isEmpty()
                && t.routes().routes().stream().noneMatch(r -> r.netif().equals(g.device()));
        boolean down = g.isDown() || gone || g.address().isPresent()
                && t.routes().lookup(g.address().get()).map(r -> !r.netif().equals(g.device())).orElse(true);
        String serverSees = serverSees(m);
        if (down) {
            notes.add(0, g.isDown() ? "gateway " + g.name() + " is down (gateway status)"
                    : gone ? g.device() + " has no address (ifconfig) and no route: the tunnel is down"
                    : "no route to " + g.addressText() + " on " + g.device() + ": the tunnel is down");
            return new TracedPath(new PathRow(g.name(), service, edgeRule, edgeSendsTo, "", serverSees, "-", false, "",
                    Verdict.DOWN, List.copyOf(notes)), g, Optional.empty(), Optional.empty(), Optional.empty(), m.state());
        }
        // pfSense: a port forward on the arrival interface rewrites the destination
        Optional<PortForward> forward = portForward(g, proto, to, toPort);
        IpAddress server = to;
        int serverPort = toPort;
        if (forward.isPresent()) {
            Optional<IpAddress> target = match.target(forward.get().target());
            if (target.isEmpty()) {
                notes.add("port forward target '" + forward.get().target() + "' is not an address or host alias");
                return new TracedPath(new PathRow(g.name(), service, edgeRule, edgeSendsTo, "", serverSees, "-", false, "",
                        Verdict.UNKNOWN, List.copyOf(notes)), g, Optional.empty(), Optional.empty(), forward, m.state());
            }
            server = target.get();
            serverPort = localPort(forward.get(), toPort);
            match.unknownAddress(forward.get().destination()).ifPresent(assumptions::add);
        } else if (t.localAddresses().contains(to)) {
            // no port forward: the firewall itself answers (its sshd, webGUI...) if a rule passes it
            PassRule self = PassRule.find(t, match, g.interfaceKey(), g.device(), proto, to, toPort);
            if (!self.passes()) {
                notes.add("no port forward on " + g.interfaceKey() + " for " + proto + " " + edgeSendsTo
                        + " and no rule passes it to the firewall itself: it ends at the firewall");
                return new TracedPath(new PathRow(g.name(), service, edgeRule, edgeSendsTo, "", serverSees, "-", false, "",
                        Verdict.BLOCKED, List.copyOf(notes)), g, Optional.of(self), Optional.empty(), forward, m.state());
            }
            notes.add("no port forward: the firewall itself answers on " + edgeSendsTo);
        }
        String serverText = server + ":" + serverPort;
        PassRule pass = forward.isPresent() && forward.get().associatedRuleId().equals("pass")
                ? new PassRule(Optional.empty(), "port forward (rdr pass)", true)
                : PassRule.find(t, match, g.interfaceKey(), g.device(), proto, server, serverPort);
        pass.rule().flatMap(r -> match.unknownAddress(r.destination())).ifPresent(assumptions::add);
        if (pass.notLoaded().isPresent()) {
            notes.add("config.xml's rule '" + describe(pass.notLoaded().get()) + "' would pass it, but pf has not loaded it (not in pf-rules.txt)");
        }
        if (!pass.passes()) {
            notes.add("blocked by " + pass.describe() + (pass.notLoaded().isPresent() ? " in the loaded ruleset" : ""));
            return new TracedPath(new PathRow(g.name(), service, edgeRule, edgeSendsTo, serverText, serverSees, "-", false,
                    pass.describe(), Verdict.BLOCKED, List.copyOf(notes)), g, Optional.of(pass), Optional.empty(), forward, m.state());
        }
        ReplyTo replyTo = ReplyTo.of(t, pass, forward.orElse(null), g);
        ReplyRoute reply;
        String replyLeavesBy;
        if (replyTo.inForce()) {
            reply = new ReplyRoute(1, g.name());
            replyLeavesBy = g.name() + " (reply-to)";
        } else {
            if (!replyTo.why().isEmpty()) notes.add("no reply-to: " + replyTo.why());
            reply = m.state() == EdgeNatPaths.Masquerade.State.MASQUERADED && m.seenAs().isPresent()
                    ? ReplyRoute.toAddress(t, m.seenAs().get(), g)
                    : ReplyRoute.toPublicClients(t, g);
            replyLeavesBy = reply.symmetric() ? g.name() : reply.via();
            if (reply.shareViaGateway() > 0 && reply.shareViaGateway() < 1) {
                notes.add(String.format("%.4f%% of public client addresses route back via %s, the rest via %s",
                        100 * reply.shareViaGateway(), g.name(), reply.via()));
            }
        }
        Verdict v = switch (m.state()) {
            case UNKNOWN -> Verdict.UNKNOWN;
            case MASQUERADED -> reply.symmetric() ? Verdict.MASQUERADED : Verdict.TRIANGULAR;
            case NOT -> reply.symmetric() ? Verdict.PRESERVED : Verdict.TRIANGULAR;
        };
        return new TracedPath(new PathRow(g.name(), service, edgeRule, edgeSendsTo, serverText, serverSees, replyLeavesBy,
                replyTo.inForce(), pass.describe(), v, List.copyOf(notes)), g, Optional.of(pass), Optional.of(replyTo), forward, m.state());
    }

    private static String describe(PfSenseConfig.FilterRule r) {
        return r.descr().isEmpty() ? "tracker " + r.tracker() : r.descr();
    }

    private Optional<PortForward> portForward(Gateway g, String proto, IpAddress to, int port) {
        List<PortForward> candidates = match.forwardsOn(g.interfaceKey());
        if (g.isVpn() && !match.forwardsOn("openvpn").isEmpty()) { // first match in config order wins
            candidates = new ArrayList<>(candidates);
            candidates.addAll(match.forwardsOn("openvpn"));
            candidates.sort(java.util.Comparator.comparingInt(match::forwardIndex));
        }
        for (PortForward f : candidates) {
            if (f.disabled() || !Match.ipv4(f.ipprotocol())) continue;
            if (!Match.protocol(f.protocol(), proto)) continue;
            if (!match.anyPublicClient(f.source())) continue;
            if (!match.address(f.destination(), to) || !match.port(f.destination().port(), port)) continue;
            return f.nordr() ? Optional.empty() : Optional.of(f); // "no rdr" stops redirection here
        }
        return Optional.empty();
    }

    private boolean forwardOnInterface(PortForward f, Gateway g) {
        for (String i : f.interfaceKey().split(",")) {
            if (i.equals(g.interfaceKey()) || (i.equals("openvpn") && g.isVpn())) return true;
        }
        return false;
    }

    /**
     * Where a port forward points when the edge was not read: its destination address, else the
     * firewall's own address on the gateway's interface; empty when that is not known (never guessed).
     */
    private Optional<IpAddress> destinationOf(PortForward f, Gateway g) {
        PfSenseConfig.Endpoint d = f.destination();
        List<ops.net.Prefix> p = match.prefixes(d.address());
        if (!p.isEmpty()) return Optional.of(p.get(0).network());
        if (match.unknownAddress(d).isPresent()) return Optional.empty();
        String network = d.network();
        if (network.endsWith("ip")) {
            Optional<PfSenseConfig.Interface> i = match.interfaceByKey(network.substring(0, network.length() - 2));
            if (i.isPresent()) {
                Optional<IpAddress> stat = IpAddress.tryParse(i.get().ipaddr()).filter(IpAddress::isV4);
                if (stat.isPresent()) return stat;
                Optional<IpAddress> own = t.addresses().firstOn(i.get().device());
                if (own.isPresent()) return own;
            }
        }
        return t.addresses().firstOn(g.device());
    }

    private static int localPort(PortForward f, int arrivingPort) {
        int start = firstPort(f.destination().port());
        int local = firstPort(f.localPort());
        if (local < 0) return arrivingPort;
        return start < 0 ? local : local + (arrivingPort - start); // ranges map one to one
    }

    private static int firstPort(String spec) {
        try {
            return Integer.parseInt(spec.split("[-:]")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> protocols(String p) {
        return p.isEmpty() || p.equals("any") ? List.of("tcp") : List.of(p.split("/"));
    }
}
