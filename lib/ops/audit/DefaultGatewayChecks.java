package ops.audit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import ops.model.DefaultGateway;
import ops.model.Gateway;
import ops.model.Topology;
import ops.pfsense.PfSenseConfig.GatewayGroup;

/** The configured default gateway against the live routing table and gateway status. */
final class DefaultGatewayChecks {
    private DefaultGatewayChecks() {}

    static List<Finding> check(Topology t, List<TracedPath> paths) {
        List<Finding> out = new ArrayList<>();
        DefaultGateway d = t.defaultGateway();
        String live = liveDefault(t);
        switch (d.kind()) {
            case GATEWAY -> {
                Optional<Gateway> g = t.gateway(d.name());
                if (g.isEmpty()) {
                    out.add(new Finding(Code.DEFAULT_ROUTE_DRIFT, "default",
                            "config.xml names default gateway " + d.name() + ", which is not a gateway of this firewall (known: "
                                    + t.gateways().stream().map(Gateway::name).collect(Collectors.joining(", ")) + ")",
                            FixCommand.defaultRoute("GATEWAY") + " with an existing gateway"));
                    break;
                }
                if (g.get().isDown()) {
                    out.add(new Finding(Code.DEFAULT_GATEWAY_DOWN, d.name(), "default gateway " + d.name()
                            + " is down (gateway status " + g.get().status().map(s -> s.status()).orElse("forced down") + ")",
                            "bring " + d.name() + " back, or " + FixCommand.defaultRoute("GATEWAY") + " with another gateway that is up"));
                }
                if (!live.equals(d.name())) {
                    out.add(drift(t, "the default gateway " + d.name() + " (" + g.get().addressText() + ")", live));
                }
            }
            case GROUP -> {
                GatewayGroup group = t.group(d.name()).orElseThrow();
                List<GatewayGroup.Member> members = group.members().stream()
                        .sorted(Comparator.comparingInt(GatewayGroup.Member::tier)).toList();
                String tiers = members.stream().map(m -> m.gateway() + " (tier " + m.tier() + ")").collect(Collectors.joining(", "));
                // only real-IP paths whose replies follow the default route care where it points; reply-to pins the others
                List<String> realIp = realIpVia(paths, members, false);
                List<String> pinned = realIpVia(paths, members, true);
                out.add(new Finding(Code.DEFAULT_GATEWAY_GROUP, realIp.isEmpty() ? Severity.INFO : Severity.WARNING, d.name(),
                        "the default gateway is failover group " + d.name() + " [" + tiers + "]"
                        + (realIp.isEmpty() ? "; a failover moves the replies that follow the default route to another gateway"
                        : "; real-IP paths via " + String.join(", ", realIp) + " (no reply-to) turn triangular the moment it fails over")
                        + (pinned.isEmpty() ? "" : "; real-IP paths via " + String.join(", ", pinned) + " keep their replies by reply-to"),
                        FixCommand.defaultRoute(realIp.isEmpty() ? members.get(0).gateway() : realIp.get(0))
                                + " (a single gateway), or keep masquerade on every member"));
                List<Gateway> up = members.stream().map(m -> t.gateway(m.gateway())).flatMap(Optional::stream)
                        .filter(g -> !g.isDown()).toList();
                if (up.isEmpty()) {
                    out.add(new Finding(Code.DEFAULT_GATEWAY_DOWN, d.name(), "every member of default group " + d.name() + " is down",
                            "bring a member back, or " + FixCommand.defaultRoute("GATEWAY") + " with a gateway that is up"));
                } else {
                    int best = members.stream().filter(m -> up.stream().anyMatch(g -> g.name().equals(m.gateway())))
                            .mapToInt(GatewayGroup.Member::tier).min().orElse(1);
                    List<String> expected = members.stream().filter(m -> m.tier() == best).map(GatewayGroup.Member::gateway)
                            .filter(n -> up.stream().anyMatch(g -> g.name().equals(n))).toList();
                    if (!expected.contains(live)) {
                        out.add(drift(t, "group " + d.name() + "'s active tier " + String.join("/", expected), live));
                    }
                }
            }
            case NONE -> {
                if (!live.equals("none")) out.add(drift(t, "no default gateway ('-')", live));
            }
            case AUTOMATIC -> { } // pfSense picks the first gateway that is up; nothing fixed to compare with
        }
        return out;
    }

    private static List<String> realIpVia(List<TracedPath> paths, List<GatewayGroup.Member> members, boolean replyTo) {
        return paths.stream().filter(p -> p.keepsClientIp() && p.row().replyTo() == replyTo
                        && p.row().verdict() != Verdict.BLOCKED && p.row().verdict() != Verdict.DOWN
                        && members.stream().anyMatch(m -> m.gateway().equals(p.gateway().name())))
                .map(p -> p.gateway().name()).distinct().toList();
    }

    /** Where the live table sends most public destinations (the default route, unless more specific routes cover it). */
    static String liveDefault(Topology t) {
        return ReplyRoute.mainRoute(t).map(r -> ReplyRoute.name(t, r)).orElse("none");
    }

    private static Finding drift(Topology t, String configured, String live) {
        boolean split = t.routes().routes().stream().anyMatch(r -> r.destination().map(p -> p.length() == 1).orElse(false));
        return new Finding(Code.DEFAULT_ROUTE_DRIFT, "default", "config.xml sets " + configured + ", but the live routing table sends "
                + "public destinations via " + live + (split ? " (0.0.0.0/1 + 128.0.0.0/1 override the default route; "
                + "an OpenVPN client pulling redirect-gateway does that)" : ""),
                split ? "set 'Don't pull routes' on that OpenVPN client, then " + FixCommand.defaultRoute("GATEWAY") + " with the intended gateway"
                        : "apply the routing configuration (System > Routing > Apply) or " + FixCommand.defaultRoute("GATEWAY") + " with the intended gateway");
    }
}
