package ops.audit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import ops.model.Gateway;
import ops.model.Topology;

/** Findings that come from the traced paths: what happens to each published service. */
final class PathChecks {
    private PathChecks() {}

    static List<Finding> check(Topology t, List<TracedPath> paths) {
        List<Finding> out = new ArrayList<>();
        Map<String, List<TracedPath>> byGateway = paths.stream()
                .collect(Collectors.groupingBy(p -> p.gateway().name(), LinkedHashMap::new, Collectors.toList()));
        byGateway.forEach((gw, list) -> perGateway(t, gw, list, out));
        for (Gateway g : t.gateways()) {
            if (!g.isVpn() || !g.isV4() || g.disabled()) continue;
            if (t.edge(g.name()).map(e -> !e.natRead()).orElse(true)) {
                boolean publishes = byGateway.containsKey(g.name());
                out.add(new Finding(Code.EDGE_NOT_READ, publishes ? Severity.WARNING : Severity.INFO, g.name(),
                        g.name() + ": the NAT rules of its edge were not read, so whether the edge masquerades (and what the server sees) is unknown"
                                + (publishes ? "" : "; no port forward on " + g.interfaceKey() + " publishes anything through it"),
                        "audit live with --edge " + g.name() + "=HOST, or add edges/" + g.name() + ".iptables (iptables-save) to the snapshot"));
            }
            if (g.address().isEmpty()) {
                out.add(new Finding(Code.GATEWAY_ADDRESS_UNKNOWN, g.name(),
                        g.name() + ": dynamic gateway on " + g.device() + " without a known address (/tmp/" + g.device() + "_router not read or empty)",
                        "include routers.txt (`grep -H . /tmp/*_router`), or check that the tunnel is up"));
            }
        }
        multipleRealIpGateways(paths, out);
        replyToCauses(t, paths, out);
        return out;
    }

    private static void perGateway(Topology t, String gw, List<TracedPath> list, List<Finding> out) {
        List<TracedPath> triangular = filter(list, Verdict.TRIANGULAR);
        if (!triangular.isEmpty()) {
            String via = triangular.stream().map(p -> p.row().replyLeavesBy()).distinct().collect(Collectors.joining(", "));
            boolean kept = triangular.get(0).keepsClientIp();
            String what = kept ? "the edge does not masquerade, so the server sees real client IPs, but replies leave by " + via
                    : "replies to the edge's address leave by " + via;
            out.add(new Finding(Code.TRIANGULAR_ROUTING, gw, gw + ": " + what + " (" + services(triangular) + "); these connections die",
                    FixCommand.realIp(gw) + " (make it the one real-IP gateway), give its pass rule reply-to, or " + FixCommand.natToggle(gw, "on")));
        }
        List<TracedPath> masq = filter(list, Verdict.MASQUERADED);
        if (!masq.isEmpty()) {
            String seen = masq.stream().map(p -> p.row().serverSees()).distinct().collect(Collectors.joining(", "));
            out.add(new Finding(Code.CLIENT_IP_LOST, gw, gw + ": the edge masquerades, so the server sees " + seen
                    + " instead of client IPs (" + services(masq) + ")",
                    "to keep client IPs: " + FixCommand.realIp(gw) + " (the default route, then masquerade off, in the safe order)"));
        }
        for (TracedPath p : filter(list, Verdict.BLOCKED)) {
            if (p.passRule().flatMap(PassRule::notLoaded).isPresent()) {
                var r = p.passRule().get().notLoaded().get();
                String name = r.descr().isEmpty() ? "tracker " + r.tracker() : r.descr();
                out.add(new Finding(Code.REPLY_TO_DRIFT, "rule '" + name + "'",
                        gw + " " + p.row().service() + ": config.xml's rule '" + name + "' passes it, but pf has not loaded that rule,"
                                + " so pf drops it (" + p.row().passRule() + " decides)",
                        "reload the filter (Status > Filter Reload, or /etc/rc.filter_configure_sync); if the rule still does not load,"
                                + " check its schedule, gateway and aliases in the system log"));
                continue;
            }
            out.add(new Finding(Code.PATH_BLOCKED, gw + " " + p.row().service(),
                    gw + " " + p.row().service() + ": " + p.row().notes().get(p.row().notes().size() - 1),
                    p.row().server().isEmpty() ? "add a port forward on " + p.gateway().interfaceKey() + " for " + p.row().edgeSendsTo()
                            + " (or a pass rule to This Firewall, if the firewall itself should answer), or remove the DNAT on the edge"
                            : "add a pass rule on the " + p.gateway().interfaceKey() + " tab for " + p.row().server()));
        }
        List<TracedPath> assumed = list.stream().filter(p -> p.assumption().isPresent()).toList();
        if (!assumed.isEmpty()) {
            List<String> parts = new ArrayList<>();
            List<TracedPath> unknown = filter(assumed, Verdict.UNKNOWN);
            List<TracedPath> standing = assumed.stream().filter(p -> p.row().verdict() != Verdict.UNKNOWN).toList();
            if (!unknown.isEmpty()) parts.add(services(unknown) + " UNKNOWN: " + whys(unknown));
            if (!standing.isEmpty()) parts.add(services(standing) + " assumed: " + whys(standing));
            // an UNKNOWN path warns; a verdict that stands on a named assumption only informs
            out.add(new Finding(Code.PATH_ASSUMED, unknown.isEmpty() ? Severity.INFO : Severity.WARNING, gw, gw + ": " + String.join("; ", parts),
                    settle(assumed.stream().map(p -> p.assumption().get()).distinct().toList())));
        }
        List<TracedPath> down = filter(list, Verdict.DOWN);
        if (!down.isEmpty()) {
            out.add(new Finding(Code.GATEWAY_DOWN, gw, gw + ": " + down.get(0).row().notes().get(0) + "; unreachable: " + services(down),
                    "bring the tunnel up (Status > OpenVPN), or check the edge"));
        }
    }

    private static void multipleRealIpGateways(List<TracedPath> paths, List<Finding> out) {
        Set<String> realIp = new LinkedHashSet<>();
        Set<String> uncovered = new LinkedHashSet<>();
        for (TracedPath p : paths) {
            if (!p.keepsClientIp() || p.row().verdict() == Verdict.DOWN || p.row().verdict() == Verdict.BLOCKED) continue;
            realIp.add(p.gateway().name());
            if (!p.row().replyTo()) uncovered.add(p.gateway().name());
        }
        if (realIp.size() > 1 && !uncovered.isEmpty()) {
            out.add(new Finding(Code.MULTIPLE_REAL_IP_GATEWAYS, String.join(",", realIp),
                    String.join(", ", realIp) + " all keep client IPs, but only one default route exists and "
                            + String.join(", ", uncovered) + " " + (uncovered.size() == 1 ? "has" : "have") + " no reply-to",
                    "keep one real-IP gateway without reply-to (" + FixCommand.natToggle("GATEWAY", "on") + " for the others), or give each a pass rule with reply-to"));
        }
    }

    /** Why real-IP paths have no reply-to: the global switch, a rule's switch, or a rule pfSense never gives one. */
    private static void replyToCauses(Topology t, List<TracedPath> paths, List<Finding> out) {
        Map<String, List<TracedPath>> bySubject = new LinkedHashMap<>();
        Map<String, ReplyTo> reason = new LinkedHashMap<>();
        for (TracedPath p : paths) {
            if (!p.keepsClientIp() || p.replyTo().isEmpty()) continue;
            ReplyTo r = p.replyTo().get();
            if (r.inForce() || r.cause() == null || r.cause() == Code.GATEWAY_ADDRESS_UNKNOWN) continue;
            // one finding per reason: the global switch, a rule's own switch, or a tab pfSense never gives reply-to
            String subject = switch (r.cause()) {
                case REPLY_TO_DISABLED_GLOBALLY -> "system";
                case REPLY_TO_DISABLED_ON_RULE -> p.row().passRule();
                default -> p.passRule().map(PassRule::tab).orElse("port forward") + ": " + r.why();
            };
            bySubject.computeIfAbsent(r.cause().id + " " + subject, k -> new ArrayList<>()).add(p);
            reason.putIfAbsent(r.cause().id + " " + subject, r);
        }
        bySubject.forEach((key, list) -> {
            ReplyTo r = reason.get(key);
            String subject = key.substring(key.indexOf(' ') + 1);
            String rules = list.stream().map(p -> p.row().passRule()).distinct().collect(Collectors.joining(", "));
            boolean hurts = list.stream().anyMatch(p -> p.row().verdict() == Verdict.TRIANGULAR);
            String fix = switch (r.cause()) {
                case REPLY_TO_DISABLED_GLOBALLY -> "untick 'Disable reply-to' in System > Advanced > Firewall & NAT";
                case REPLY_TO_DISABLED_ON_RULE -> "untick 'Disable reply-to' on " + subject;
                default -> "pass these ports with a rule on the gateway's own interface tab (no gateway set) instead of " + rules;
            };
            if (r.cause() == Code.PASS_RULE_WITHOUT_REPLY_TO) subject = rules;
            out.add(new Finding(r.cause(), hurts ? Severity.WARNING : Severity.INFO, subject,
                    services(list) + " via " + list.stream().map(p -> p.gateway().name()).distinct().collect(Collectors.joining(", "))
                            + ": no reply-to because " + r.why()
                            + (hurts ? "" : "; replies follow the routing table, which works only while it points back"),
                    fix));
        });
        Set<String> drifted = new LinkedHashSet<>();
        for (TracedPath p : paths) {
            if (p.replyTo().isEmpty() || p.replyTo().get().live().isEmpty()) continue;
            ReplyTo r = p.replyTo().get();
            if (r.live().get() != r.configured() && drifted.add(p.row().passRule())) {
                out.add(new Finding(Code.REPLY_TO_DRIFT, p.row().passRule(),
                        p.row().passRule() + " (" + p.gateway().name() + " " + p.row().service() + "): config.xml "
                                + (r.configured() ? "gives it reply-to but the loaded pf rules have none"
                                : "gives it no reply-to but the loaded pf rules have one"),
                        "reload the filter (Status > Filter Reload, or /etc/rc.filter_configure_sync) and audit again"));
            }
        }
    }

    private static String whys(List<TracedPath> list) {
        return list.stream().map(p -> p.assumption().get()).distinct().collect(Collectors.joining("; "));
    }

    /** The fix for an assumption: read what it names. */
    private static String settle(List<String> whys) {
        String all = String.join(" ", whys);
        List<String> reads = new ArrayList<>();
        if (all.contains("ifconfig.txt")) reads.add("ifconfig.txt (`ifconfig -a` on the firewall)");
        if (all.contains(".addr.json")) reads.add("the edge's addresses (edges/GATEWAY.addr.json, `ip -j addr`)");
        if (all.contains("faces the firewall")) reads.add("the edge's routes (edges/GATEWAY.routes.json, `ip -j route`)");
        return reads.isEmpty() ? "read what the notes name, then audit again"
                : "audit live (it reads them), or add " + String.join(" and ", reads) + " to the snapshot";
    }

    private static List<TracedPath> filter(List<TracedPath> list, Verdict v) {
        return list.stream().filter(p -> p.row().verdict() == v).toList();
    }

    static String services(List<TracedPath> list) {
        return list.stream().map(p -> p.row().service()).distinct().sorted(java.util.Comparator.comparingInt(PathChecks::port))
                .collect(Collectors.joining(", "));
    }

    private static int port(String service) {
        try {
            return Integer.parseInt(service.substring(service.indexOf('/') + 1).split("[:,-]")[0]);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
