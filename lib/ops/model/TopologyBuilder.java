package ops.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.base.OpsException;
import ops.edge.EdgeInterface;
import ops.edge.EdgeNat;
import ops.edge.IpAddrJsonReader;
import ops.edge.IptablesSaveReader;
import ops.edge.NftJsonReader;
import ops.net.IpAddress;
import ops.pfsense.ConfigXmlReader;
import ops.pfsense.FirewallInterface;
import ops.pfsense.IfconfigReader;
import ops.pfsense.GatewayStatus;
import ops.pfsense.GatewayStatusReader;
import ops.pfsense.PfRule;
import ops.pfsense.PfRulesReader;
import ops.pfsense.PfSenseConfig;
import ops.pfsense.RoutersReader;
import ops.route.IpRouteJsonReader;
import ops.route.NetstatReader;
import ops.route.RoutingTable;
import ops.snapshot.Snapshot;
import ops.text.Parallel;

/**
 * Parses a {@link Snapshot} and joins the parts into a {@link Topology}, deriving what pfSense
 * derives at run time (dynamic gateways, the configured default). No I/O.
 */
public final class TopologyBuilder {
    private TopologyBuilder() {}

    public static Topology build(Snapshot s) {
        String at = s.name() + "/";
        // the three big inputs parse side by side; errors surface in a fixed order (config first)
        var configF = Parallel.start(() -> ConfigXmlReader.read(at + Snapshot.CONFIG, s.configXml()));
        var routesF = Parallel.start(() -> {
            RoutingTable t = NetstatReader.read(at + Snapshot.ROUTES, s.routes());
            if (!t.isEmpty(IpAddress.Family.INET)) t.segments(); // the analyzer needs them; build them here, in parallel
            return t;
        });
        var edgesF = Parallel.start(() -> {
            Map<String, Edge> parsed = new LinkedHashMap<>();
            for (Snapshot.Edge e : s.edges().values()) parsed.put(e.gateway(), edge(at + Snapshot.EDGES + "/" + e.gateway(), e));
            return parsed;
        });
        PfSenseConfig config = Parallel.join(configF);
        supportedVersion(at + Snapshot.CONFIG, config.version());
        RoutingTable routes = Parallel.join(routesF);
        if (routes.isEmpty(IpAddress.Family.INET)) {
            throw new OpsException(at + Snapshot.ROUTES + ": no IPv4 routes (empty routing table); capture it with `netstat -rnW` on the firewall");
        }
        Map<String, String> routers = s.routers().map(t -> RoutersReader.read(at + Snapshot.ROUTERS, t)).orElse(Map.of());
        Map<String, GatewayStatus> status = s.gatewayStatus()
                .map(t -> GatewayStatusReader.read(at + Snapshot.GATEWAY_STATUS, t)).orElse(Map.of());
        Optional<List<PfRule>> pfRules = s.pfRules().map(t -> PfRulesReader.read(at + Snapshot.PF_RULES, t));
        Optional<List<FirewallInterface>> ifconfig = s.ifconfig().map(t -> IfconfigReader.read(at + Snapshot.IFCONFIG, t));
        routes = NetifNames.untruncate(routes, config, ifconfig);
        FirewallAddresses addresses = AddressInference.of(config, routes, ifconfig);

        List<Gateway> gateways = gateways(config, routers, status, addresses);
        for (Snapshot.Edge e : s.edges().values()) {
            if (gateways.stream().noneMatch(g -> g.name().equals(e.gateway()))) {
                throw new OpsException(at + Snapshot.EDGES + "/" + e.gateway() + ".*: no gateway " + e.gateway()
                        + " on the firewall; known gateways: " + names(gateways));
            }
        }
        Map<String, Edge> edges = Parallel.join(edgesF);
        return new Topology(s.name(), config, gateways, defaultGateway(config), routes,
                addresses, pfRules, s.gatewayStatus().isPresent(), edges);
    }

    /** The oldest config.xml this toolkit reads: pfSense 2.4.0 wrote 17.0; CE 2.7.2 writes 23.3. */
    static final double OLDEST_VERSION = 17.0;

    /** Older configs name gateways, NAT and rules differently: refuse them rather than guess. */
    static void supportedVersion(String source, String version) {
        double v;
        try {
            v = Double.parseDouble(version.strip());
        } catch (NumberFormatException e) {
            throw new OpsException(source + ": <version> is '" + ops.text.Lines.quote(version)
                    + "', not a pfSense config version; is this a pfSense config.xml (2.4 or later)?");
        }
        if (v < OLDEST_VERSION) {
            throw new OpsException(source + ": config version " + version + " is from pfSense before 2.4, which this toolkit does not"
                    + " read (gateways and NAT are stored differently); upgrade pfSense, or audit it by hand");
        }
    }

    private static Edge edge(String at, Snapshot.Edge e) {
        if (e.iptables().isPresent() && e.nftJson().isPresent()) {
            // both tools' rules are in force on such an edge; the audit reads iptables', nat-toggle refuses
            // to guess; say so instead of silently picking one
            throw new OpsException(at + ": both .iptables and .nft.json given; keep the one the edge really uses");
        }
        Optional<EdgeNat> nat = e.iptables().map(t -> IptablesSaveReader.read(at + Snapshot.IPTABLES, t))
                .or(() -> e.nftJson().map(t -> NftJsonReader.read(at + Snapshot.NFT, t)));
        List<EdgeInterface> ifs = e.addrJson().map(t -> IpAddrJsonReader.read(at + Snapshot.ADDR, t)).orElse(List.of());
        Optional<RoutingTable> routes = e.routesJson().map(t -> IpRouteJsonReader.read(at + Snapshot.EDGE_ROUTES, t));
        return new Edge(e.gateway(), nat, ifs, routes);
    }

    /**
     * The gateways config.xml alone gives (names, interfaces, devices; dynamic addresses unknown):
     * what finding each gateway's edge needs before anything else is read.
     */
    public static List<Gateway> gateways(PfSenseConfig config) {
        return gateways(config, Map.of(), Map.of(), FirewallAddresses.none());
    }

    /** Configured gateway items, then the dynamic ones pfSense adds (gwlb.inc return_gateways_array()). */
    static List<Gateway> gateways(PfSenseConfig config, Map<String, String> routers, Map<String, GatewayStatus> status,
                                  FirewallAddresses addresses) {
        List<Gateway> out = new ArrayList<>();
        for (PfSenseConfig.GatewayItem item : config.gateways()) {
            Optional<PfSenseConfig.Interface> iface = config.interfaceByKey(item.interfaceKey());
            if (iface.isEmpty() || !iface.get().enabled()) continue; // pfSense skips these too
            String device = iface.get().device();
            IpAddress.Family fam = item.ipprotocol().equals("inet6") ? IpAddress.Family.INET6 : IpAddress.Family.INET;
            Optional<IpAddress> addr = IpAddress.tryParse(item.address());
            if (addr.isPresent()) fam = addr.get().family();
            String origin = "config";
            if (addr.isEmpty() && fam == IpAddress.Family.INET) addr = routerAddress(routers, device, addresses);
            out.add(new Gateway(item.name(), item.interfaceKey(), device, fam, addr, origin, item.disabled(),
                    item.forceDown(), Optional.ofNullable(status.get(item.name()))));
        }
        for (PfSenseConfig.Interface i : config.interfaces()) {
            if (!i.enabled() || IpAddress.tryParse(i.ipaddr()).isPresent()) continue;
            String suffix = dynamicSuffix(config, i);
            if (suffix == null) continue;
            String friendly = (i.descr().isEmpty() ? i.key() : i.descr()).toUpperCase(Locale.ROOT);
            boolean known = config.gateways().stream().anyMatch(g -> g.interfaceKey().equals(i.key())
                    && !g.ipprotocol().equals("inet6")
                    && (g.name().equals(friendly) || IpAddress.tryParse(g.address()).isEmpty()));
            if (known) continue;
            String name = friendly + "_" + suffix;
            out.add(new Gateway(name, i.key(), i.device(), IpAddress.Family.INET, routerAddress(routers, i.device(), addresses),
                    "dynamic", false, false, Optional.ofNullable(status.get(name))));
        }
        return out;
    }

    /** The suffix of the dynamic IPv4 gateway pfSense creates for this interface, or null for none. */
    private static String dynamicSuffix(PfSenseConfig config, PfSenseConfig.Interface i) {
        switch (i.ipaddr()) {
            case "dhcp", "pppoe", "l2tp", "pptp", "ppp":
                return i.ipaddr().toUpperCase(Locale.ROOT);
            default:
                break;
        }
        if (i.device().startsWith("ovpn")) {
            String kind = i.device().startsWith("ovpnc") ? "client" : i.device().startsWith("ovpns") ? "server" : null;
            if (kind == null) return null;
            String vpnid = i.device().substring(5);
            for (PfSenseConfig.OpenVpnInstance o : config.openVpn()) {
                if (o.kind().equals(kind) && o.vpnid().equals(vpnid)
                        && (o.createGw().equals("v6only") || o.devMode().equals("tap"))) {
                    return null;
                }
            }
            return "VPNV4";
        }
        if (i.device().startsWith("gif") || i.device().startsWith("gre")) return "TUNNELV4";
        return null;
    }

    /** /tmp/DEVICE_router as ovpn-linkup wrote it; else the tunnel's peer as ifconfig shows it (a p2p tunnel's far end). */
    private static Optional<IpAddress> routerAddress(Map<String, String> routers, String device, FirewallAddresses addresses) {
        Optional<IpAddress> written = Optional.ofNullable(routers.get(device)).flatMap(IpAddress::tryParse).filter(IpAddress::isV4);
        if (written.isPresent() || !addresses.fromIfconfig()) return written;
        return addresses.on(device).stream().map(FirewallAddresses.Owned::peer).flatMap(Optional::stream).findFirst();
    }

    static DefaultGateway defaultGateway(PfSenseConfig config) {
        if (config.defaultGw4().isPresent()) {
            String v = config.defaultGw4().get();
            if (v.isEmpty()) return new DefaultGateway(DefaultGateway.Kind.AUTOMATIC, "", "defaultgw4");
            if (v.equals("-")) return new DefaultGateway(DefaultGateway.Kind.NONE, "", "defaultgw4");
            boolean group = config.gatewayGroups().stream().anyMatch(g -> g.name().equals(v));
            return new DefaultGateway(group ? DefaultGateway.Kind.GROUP : DefaultGateway.Kind.GATEWAY, v, "defaultgw4");
        }
        return config.gateways().stream()
                .filter(g -> g.legacyDefault() && !g.ipprotocol().equals("inet6"))
                .findFirst()
                .map(g -> new DefaultGateway(DefaultGateway.Kind.GATEWAY, g.name(), "legacy <defaultgw/> flag"))
                .orElse(new DefaultGateway(DefaultGateway.Kind.AUTOMATIC, "", "not set"));
    }

    static String names(List<Gateway> gateways) {
        return gateways.isEmpty() ? "(none)" : String.join(", ", gateways.stream().map(Gateway::name).toList());
    }
}
