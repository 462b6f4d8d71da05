package ops.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.model.Gateway;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.pfsense.PfSenseConfig;
import ops.route.Route;
import ops.session.SessionView;

/**
 * How the admin's own SSH session reaches the firewall, from the firewall's view of it
 * ({@link SessionView}): the interface holding the address it arrived at, the gateway there, and
 * the published paths (edge DNAT to that address and port) that carry it; or a LAN or management
 * interface, not through an edge. A change must not cut it: {@link #cutBy} says when it would.
 *
 * A session through an edge is cut when one of its paths would turn TRIANGULAR or BLOCKED. Any
 * other session (no gateway on its interface, or no published path read for it) is cut when the
 * change moves the reply to its peer onto another interface, unless reply-to pins it: a peer on a
 * connected subnet never moves, a peer reached through the default route moves with it. Pure: no I/O.
 */
public final class AdminPath {
    private static final List<Verdict> CUT = List.of(Verdict.TRIANGULAR, Verdict.BLOCKED);

    private final String says;
    private final String you;              // "you reach fw through ..." for refusals; empty when unknown
    private final List<PathRow> carried;   // the published paths carrying the session, as they are now
    private final Optional<Direct> direct; // a session not on a published path: where its replies go now

    /**
     * @param replyBy the interface replies to the peer leave by now, replyName its gateway's name where known
     * @param pinned  reply-to holds them on the session's interface
     */
    private record Direct(IpAddress peer, String replyBy, String replyName, boolean pinned) {}

    private AdminPath(String says, String you, List<PathRow> carried, Optional<Direct> direct) {
        this.says = says;
        this.you = you;
        this.carried = carried;
        this.direct = direct;
    }

    /** Where the session {@code seen} arrives in {@code t}; unknown when the firewall did not say. */
    public static AdminPath locate(Topology t, Optional<SessionView> seen) {
        String fw = t.name();
        if (seen.isEmpty()) return unknown(fw, "the firewall gave no readable SSH_CONNECTION for this session");
        SessionView v = seen.get();
        if (!v.local().isV4()) return unknown(fw, "it sees " + v.describe() + ", over IPv6, which this toolkit does not model");
        Optional<String> owner = t.addresses().ownerOf(v.local());
        if (owner.isEmpty()) return unknown(fw, "it sees " + v.describe() + ", and " + v.local() + " is on none of its interfaces as read");
        String device = owner.get();
        String at = v.local() + ":" + v.localPort();
        Optional<Gateway> g = t.gatewayByDevice(device);
        if (g.isPresent()) {
            List<PathRow> rows = Analyzer.analyze(t).paths().stream().filter(p -> p.gateway().equals(g.get().name())
                    && (p.server().equals(at) || p.server().isEmpty() && p.edgeSendsTo().equals(at))).toList();
            if (!rows.isEmpty()) {
                boolean masqueraded = g.get().address().map(v.peer()::equals).orElse(false)
                        || rows.stream().anyMatch(p -> p.serverSees().equals(v.peer().toString()));
                String route = "through " + g.get().name() + " " + services(rows) + " as " + v.peer() + (masqueraded ? " (masqueraded by the edge)" : "");
                return new AdminPath("how you reach " + fw + ": " + route + " (" + fw + " sees " + v.describe() + " on " + device + ")",
                        "you reach " + fw + " " + route, rows, Optional.empty());
            }
        }
        boolean tunnel = g.filter(Gateway::isVpn).isPresent();
        String route = tunnel ? "through " + g.get().name() + "'s tunnel (" + device + ") from " + v.peer()
                : "on " + device + " (" + label(t, device) + g.map(x -> ", gateway " + x.name()).orElse("") + ") from " + v.peer();
        String how = route + (tunnel ? ", by no published path read (" + fw + " sees " + v.describe() + ")" : ": not through an edge");
        Optional<Route> reply = t.routes().lookup(v.peer());
        boolean pinned = g.isPresent() && replyTo(t, g.get(), v);
        return new AdminPath("how you reach " + fw + ": " + how, "you reach " + fw + " " + route, List.of(),
                Optional.of(new Direct(v.peer(), reply.map(Route::netif).orElse("no route"),
                        reply.map(r -> ReplyRoute.name(t, r)).orElse("no route"), pinned)));
    }

    private static AdminPath unknown(String fw, String why) {
        return new AdminPath("how you reach " + fw + ": unknown (" + why + ")", "", List.of(), Optional.empty());
    }

    /** The plan's line: "how you reach fw: through EDGE1_VPNV4 tcp/2222 as 198.51.100.20 (...)". */
    public String says() { return says; }

    /** Whether the session was placed (through an edge, or on an interface). */
    public boolean known() { return !you.isEmpty(); }

    /**
     * Why {@code predicted} would cut this session, in one line that says what to do instead; empty
     * when it would not. Judges the published paths: enough for a change that leaves the routing table
     * alone (masquerade on an edge). A change that moves routes passes its predicted topology too.
     */
    public Optional<String> cutBy(AuditResult predicted) {
        List<String> cut = new ArrayList<>();
        for (PathRow now : carried) {
            predicted.paths().stream().filter(p -> p.gateway().equals(now.gateway()) && p.service().equals(now.service())
                    && CUT.contains(p.verdict())).findFirst().ifPresent(p -> cut.add(p.service() + " would turn " + p.verdict()
                    + (p.verdict() == Verdict.TRIANGULAR ? " (replies would leave by " + p.replyLeavesBy() + ")" : "")));
        }
        return cut.isEmpty() ? Optional.empty() : Optional.of(refusal(String.join(", ", cut)));
    }

    /** As {@link #cutBy(AuditResult)}, and a session off the published paths is cut when its replies would move. */
    public Optional<String> cutBy(AuditResult predicted, Topology predictedTopology) {
        Optional<String> paths = cutBy(predicted);
        if (paths.isPresent() || direct.isEmpty() || direct.get().pinned()) return paths;
        Direct d = direct.get();
        Optional<Route> after = predictedTopology.routes().lookup(d.peer());
        String by = after.map(Route::netif).orElse("no route");
        if (by.equals(d.replyBy())) return Optional.empty();
        return Optional.of(refusal("replies to " + d.peer() + " would leave by " + after.map(r -> ReplyRoute.name(predictedTopology, r))
                .orElse("no route") + " instead of " + d.replyName()));
    }

    private String refusal(String what) {
        return "it would cut this very session: " + you + ", and " + what
                + "; reach the firewall another way (its LAN or a management link, or an edge this change leaves working)";
    }

    private static String services(List<PathRow> rows) {
        return String.join(", ", rows.stream().map(PathRow::service).distinct().toList());
    }

    /** The interface's name in pfSense (its description, else its key), or "not in config.xml". */
    private static String label(Topology t, String device) {
        return t.config().interfaces().stream().filter(i -> i.device().equals(device)).findFirst()
                .map(i -> i.descr().isEmpty() ? i.key() : i.descr()).orElse("not in config.xml");
    }

    /** Whether the rule that lets the session in carries reply-to (then its replies stay on their interface). */
    private static boolean replyTo(Topology t, Gateway g, SessionView v) {
        PassRule pass = PassRule.find(t, new Match(t), g.interfaceKey(), g.device(), "tcp", v.local(), v.localPort());
        return pass.passes() && ReplyTo.of(t, pass, (PfSenseConfig.PortForward) null, g).inForce();
    }
}
