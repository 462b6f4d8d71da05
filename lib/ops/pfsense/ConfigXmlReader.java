package ops.pfsense;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.text.Parallel;
import ops.pfsense.PfSenseConfig.Alias;
import ops.pfsense.PfSenseConfig.Endpoint;
import ops.pfsense.PfSenseConfig.FilterRule;
import ops.pfsense.PfSenseConfig.GatewayGroup;
import ops.pfsense.PfSenseConfig.GatewayItem;
import ops.pfsense.PfSenseConfig.Interface;
import ops.pfsense.PfSenseConfig.OpenVpnInstance;
import ops.pfsense.PfSenseConfig.OutboundNat;
import ops.pfsense.PfSenseConfig.OutboundNatRule;
import ops.pfsense.PfSenseConfig.PortForward;
import ops.pfsense.PfSenseConfig.Revision;
import ops.pfsense.PfSenseConfig.StaticRoute;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/** Reads pfSense's config.xml (jsoup's XML parser) into {@link PfSenseConfig}. Decides nothing. */
public final class ConfigXmlReader {
    private ConfigXmlReader() {}

    /** The last config read, by the identity of its text: a live read parses config.xml once to find the edges, the model again. */
    private record Parsed(String source, String xml, PfSenseConfig config) {}

    private static volatile Parsed last;

    /**
     * @param source how to name the file in messages, e.g. "fw1:/conf/config.xml"
     */
    public static PfSenseConfig read(String source, String xml) {
        Parsed p = last;
        if (p != null && p.xml() == xml && p.source().equals(source)) return p.config(); // the very same text: the same answer
        PfSenseConfig config = parse(source, xml);
        last = new Parsed(source, xml, config);
        return config;
    }

    private static PfSenseConfig parse(String source, String xml) {
        if (xml == null || xml.isBlank()) {
            throw new OpsException(source + ": empty file; expected pfSense's config.xml");
        }
        // jsoup repairs what it reads; the strict check runs beside it and has the last word
        var strict = Parallel.start(() -> {
            XmlWellFormedness.check(source, xml);
            return true;
        });
        Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
        Parallel.join(strict);
        Element root = doc.children().stream().filter(e -> !e.tagName().startsWith("?")).findFirst()
                .orElseThrow(() -> new OpsException(source + ": no root element; expected <pfsense>"));
        if (!root.tagName().equals("pfsense")) {
            throw new OpsException(source + ": root element is <" + root.tagName()
                    + ">, not <pfsense>; only pfSense's config.xml is supported");
        }
        Optional<Element> gateways = child(root, "gateways");
        Optional<Element> nat = child(root, "nat");
        Optional<Element> outbound = nat.flatMap(n -> child(n, "outbound"));
        Optional<Element> wireGuard = child(root, "installedpackages").flatMap(p -> child(p, "wireguard"));
        return new PfSenseConfig(
                text(root, "version"),
                interfaces(root),
                gateways.map(g -> gatewayItems(source, g)).orElse(List.of()),
                gateways.flatMap(g -> child(g, "defaultgw4")).map(Element::text),
                gateways.flatMap(g -> child(g, "defaultgw6")).map(Element::text),
                gateways.map(g -> gatewayGroups(source, g)).orElse(List.of()),
                child(root, "staticroutes").map(ConfigXmlReader::staticRoutes).orElse(List.of()),
                new OutboundNat(outbound.map(o -> text(o, "mode")).orElse(""),
                        outbound.map(ConfigXmlReader::outboundRules).orElse(List.of())),
                nat.map(ConfigXmlReader::portForwards).orElse(List.of()),
                child(root, "filter").map(ConfigXmlReader::filterRules).orElse(List.of()),
                child(root, "aliases").map(ConfigXmlReader::aliases).orElse(List.of()),
                child(root, "openvpn").map(ConfigXmlReader::openVpn).orElse(List.of()),
                child(root, "ifgroups").map(ConfigXmlReader::interfaceGroups).orElse(List.of()),
                wireGuard.flatMap(w -> child(w, "tunnels")).map(ConfigXmlReader::wireGuardTunnels).orElse(List.of()),
                wireGuard.flatMap(w -> child(w, "peers")).map(ConfigXmlReader::wireGuardPeers).orElse(List.of()),
                child(root, "system").map(s -> flag(s, "disablereplyto")).orElse(false),
                child(root, "revision").map(r -> new Revision(text(r, "time"), text(r, "description"), text(r, "username"))));
    }

    private static List<Interface> interfaces(Element root) {
        List<Interface> out = new ArrayList<>();
        child(root, "interfaces").ifPresent(ifs -> {
            for (Element i : ifs.children()) {
                out.add(new Interface(i.tagName(), text(i, "if"), text(i, "descr"), flag(i, "enable"),
                        text(i, "ipaddr"), text(i, "subnet"), text(i, "gateway")));
            }
        });
        return out;
    }

    private static List<GatewayItem> gatewayItems(String source, Element gateways) {
        List<GatewayItem> out = new ArrayList<>();
        int n = 0;
        for (Element g : children(gateways, "gateway_item")) {
            n++;
            String name = text(g, "name");
            if (name.isEmpty()) {
                throw new OpsException(source + ": <gateway_item> #" + n + " has no <name>; give it one or remove the item");
            }
            out.add(new GatewayItem(name, text(g, "interface"), text(g, "gateway"), text(g, "ipprotocol"),
                    flag(g, "disabled"), flag(g, "defaultgw"), flag(g, "monitor_disable"), flag(g, "force_down"),
                    text(g, "descr")));
        }
        return out;
    }

    private static List<GatewayGroup> gatewayGroups(String source, Element gateways) {
        List<GatewayGroup> out = new ArrayList<>();
        for (Element g : children(gateways, "gateway_group")) {
            List<GatewayGroup.Member> members = new ArrayList<>();
            for (Element item : children(g, "item")) {
                String[] parts = item.text().split("\\|", -1);
                int tier;
                try {
                    tier = parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 1;
                } catch (NumberFormatException e) {
                    throw new OpsException(source + ": gateway group " + text(g, "name") + ": item '" + item.text()
                            + "' has no numeric tier; expected GATEWAY|TIER|VIP");
                }
                members.add(new GatewayGroup.Member(parts[0].trim(), tier, parts.length > 2 ? parts[2].trim() : ""));
            }
            out.add(new GatewayGroup(text(g, "name"), members, text(g, "trigger"), text(g, "descr")));
        }
        return out;
    }

    private static List<StaticRoute> staticRoutes(Element routes) {
        return children(routes, "route").stream()
                .map(r -> new StaticRoute(text(r, "network"), text(r, "gateway"), flag(r, "disabled"), text(r, "descr")))
                .toList();
    }

    private static List<OutboundNatRule> outboundRules(Element outbound) {
        return children(outbound, "rule").stream()
                .map(r -> new OutboundNatRule(text(r, "interface"), endpoint(r, "source"), endpoint(r, "destination"),
                        flag(r, "nonat"), flag(r, "disabled"), text(r, "target"), text(r, "ipprotocol"), text(r, "descr")))
                .toList();
    }

    private static List<PortForward> portForwards(Element nat) {
        return children(nat, "rule").stream()
                .map(r -> new PortForward(text(r, "interface"), text(r, "ipprotocol"), text(r, "protocol"),
                        endpoint(r, "source"), endpoint(r, "destination"), text(r, "target"), text(r, "local-port"),
                        text(r, "associated-rule-id"), flag(r, "disabled"), flag(r, "nordr"), text(r, "descr")))
                .toList();
    }

    private static List<FilterRule> filterRules(Element filter) {
        return children(filter, "rule").stream()
                .map(r -> new FilterRule(text(r, "type"), splitList(text(r, "interface")),
                        text(r, "floating").equals("yes"), text(r, "direction"), text(r, "quick").equals("yes"),
                        text(r, "ipprotocol"), text(r, "protocol"), endpoint(r, "source"), endpoint(r, "destination"),
                        text(r, "gateway"), flag(r, "disablereplyto"), flag(r, "disabled"), text(r, "tracker"),
                        text(r, "associated-rule-id"), text(r, "descr")))
                .toList();
    }

    private static List<Alias> aliases(Element aliases) {
        return children(aliases, "alias").stream()
                .map(a -> new Alias(text(a, "name"), text(a, "type"),
                        Arrays.stream(text(a, "address").split("\\s+")).filter(s -> !s.isEmpty()).toList()))
                .toList();
    }

    private static List<OpenVpnInstance> openVpn(Element openvpn) {
        List<OpenVpnInstance> out = new ArrayList<>();
        for (Element e : openvpn.children()) {
            String kind = switch (e.tagName()) {
                case "openvpn-client" -> "client";
                case "openvpn-server" -> "server";
                default -> null;
            };
            if (kind != null) {
                out.add(new OpenVpnInstance(kind, text(e, "vpnid"), text(e, "dev_mode"), text(e, "create_gw"),
                        text(e, "description"), flag(e, "disable"), text(e, "server_addr"), text(e, "server_port")));
            }
        }
        return out;
    }

    private static List<PfSenseConfig.WireGuardTunnel> wireGuardTunnels(Element tunnels) {
        return children(tunnels, "item").stream()
                .map(t -> new PfSenseConfig.WireGuardTunnel(text(t, "name"), text(t, "enabled").equals("yes"), text(t, "descr")))
                .toList();
    }

    private static List<PfSenseConfig.WireGuardPeer> wireGuardPeers(Element peers) {
        return children(peers, "item").stream()
                .map(p -> new PfSenseConfig.WireGuardPeer(text(p, "tun"), text(p, "enabled").equals("yes"), text(p, "endpoint"),
                        text(p, "port"), text(p, "descr")))
                .toList();
    }

    private static List<PfSenseConfig.InterfaceGroup> interfaceGroups(Element ifgroups) {
        return children(ifgroups, "ifgroupentry").stream()
                .map(g -> new PfSenseConfig.InterfaceGroup(text(g, "ifname"),
                        Arrays.stream(text(g, "members").split("\\s+")).filter(m -> !m.isEmpty()).toList()))
                .toList();
    }

    private static Endpoint endpoint(Element parent, String name) {
        return child(parent, name)
                .map(e -> new Endpoint(flag(e, "any"), text(e, "network"), text(e, "address"), text(e, "port"), flag(e, "not")))
                .orElse(new Endpoint(false, "", "", "", false));
    }

    private static List<String> splitList(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    // --- element access: direct children only, so that e.g. <rule><interface> never matches a nested element

    static Optional<Element> child(Element parent, String name) {
        // walk the siblings instead of building a children list per lookup: a config has 10k rules of ~15 fields
        Element found = parent.firstElementChild();
        while (found != null && !found.tagName().equals(name)) found = found.nextElementSibling();
        return Optional.ofNullable(found);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Element c : parent.children()) {
            if (c.tagName().equals(name)) out.add(c);
        }
        return out;
    }

    static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.text().trim()).orElse("");
    }

    /** pfSense's flags are true when the element exists, whatever it holds. */
    static boolean flag(Element parent, String name) {
        return child(parent, name).isPresent();
    }
}
