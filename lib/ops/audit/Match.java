package ops.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.net.Prefix;
import ops.pfsense.PfSenseConfig;
import ops.pfsense.PfSenseConfig.Endpoint;
import ops.route.Route;

/**
 * How pfSense's rule fields match one packet. Where the config does not let us tell (an
 * unknown alias, a URL table), a field "may match" and counts as matching: the audit then
 * predicts the rule that would win, and says so in the notes.
 */
final class Match {
    private final Topology t;
    private final Map<String, PfSenseConfig.Alias> aliases;
    // indexes: the analyzer asks the same questions for every path, on configs with 10k rules
    private final Map<String, List<Prefix>> connected = new HashMap<>();
    private final Map<String, List<Prefix>> prefixCache = new HashMap<>();
    private final Map<String, List<PfSenseConfig.FilterRule>> rulesByTab = new HashMap<>();
    private final List<PfSenseConfig.FilterRule> floating = new ArrayList<>();
    private final Map<String, PfSenseConfig.Interface> interfaces = new HashMap<>();
    private final Map<String, List<PfSenseConfig.PortForward>> forwardsByInterface = new HashMap<>();
    private final Map<PfSenseConfig.PortForward, Integer> forwardOrder = new java.util.IdentityHashMap<>();
    // the trackers pf has loaded (its ridentifiers); null when the ruleset was not read or carries none of ours
    private final java.util.Set<String> loadedTrackers;

    Match(Topology t) {
        this.t = t;
        this.aliases = t.config().aliasesByName();
        for (Route r : t.routes().routes(IpAddress.Family.INET)) {
            if (!r.viaGateway() && r.destination().isPresent() && !r.isDefault()) {
                connected.computeIfAbsent(r.netif(), k -> new ArrayList<>()).add(r.destination().get());
            }
        }
        for (String device : t.addresses().devices()) {
            for (var o : t.addresses().on(device)) {
                if (o.prefixLen() < 32) connected.computeIfAbsent(device, k -> new ArrayList<>()).add(o.prefix());
                o.peer().ifPresent(p -> connected.computeIfAbsent(device, k -> new ArrayList<>()).add(Prefix.host(p)));
            }
        }
        this.loadedTrackers = loadedTrackers(t);
        for (PfSenseConfig.Interface i : t.config().interfaces()) interfaces.putIfAbsent(i.key(), i);
        for (PfSenseConfig.PortForward f : t.config().portForwards()) {
            forwardOrder.put(f, forwardOrder.size());
            for (String key : f.interfaceKey().split(",")) forwardsByInterface.computeIfAbsent(key.strip(), k -> new ArrayList<>()).add(f);
        }
        for (PfSenseConfig.FilterRule r : t.config().filterRules()) {
            if (r.floating()) floating.add(r);
            else if (r.interfaces().size() == 1) rulesByTab.computeIfAbsent(r.interfaces().get(0), k -> new ArrayList<>()).add(r);
        }
    }

    private static java.util.Set<String> loadedTrackers(Topology t) {
        if (t.pfRules().isEmpty()) return null;
        java.util.Set<String> loaded = new java.util.HashSet<>();
        for (ops.pfsense.PfRule r : t.pfRules().get()) if (!r.ridentifier().isEmpty()) loaded.add(r.ridentifier());
        // trust an absence only where pf shows it carries config.xml's trackers at all
        boolean carries = t.config().filterRules().stream().anyMatch(r -> loaded.contains(tracker(r)));
        return carries ? loaded : null;
    }

    static String tracker(PfSenseConfig.FilterRule r) {
        return r.tracker().replaceFirst("^0+(?=\\d)", "");
    }

    /** Whether pf has this config.xml rule loaded; true when that cannot be told. */
    boolean loaded(PfSenseConfig.FilterRule r) {
        return loadedTrackers == null || r.tracker().isEmpty() || loadedTrackers.contains(tracker(r));
    }

    /**
     * When a rule field names an interface's own address ({@code opt1ip}) that could not be
     * told (a p2p tunnel without ifconfig.txt), why: the field then "may match".
     */
    Optional<String> unknownAddress(Endpoint e) {
        String n = e.network();
        if (!n.endsWith("ip")) return Optional.empty();
        Optional<PfSenseConfig.Interface> i = interfaceByKey(n.substring(0, n.length() - 2));
        if (i.isEmpty() || IpAddress.tryParse(i.get().ipaddr()).isPresent()) return Optional.empty();
        return t.addresses().unknownWhy(i.get().device()).map(why -> n + " is unknown: " + why);
    }

    /** The rules of one tab (interface key, group name, "openvpn") in config order. */
    List<PfSenseConfig.FilterRule> tab(String key) {
        return rulesByTab.getOrDefault(key, List.of());
    }

    List<PfSenseConfig.FilterRule> floatingRules() {
        return floating;
    }

    Optional<PfSenseConfig.Interface> interfaceByKey(String key) {
        return Optional.ofNullable(interfaces.get(key));
    }

    int forwardIndex(PfSenseConfig.PortForward f) {
        return forwardOrder.getOrDefault(f, Integer.MAX_VALUE);
    }

    /** Port forwards whose interface list names this key, in config order. */
    List<PfSenseConfig.PortForward> forwardsOn(String key) {
        return forwardsByInterface.getOrDefault(key, List.of());
    }

    static boolean protocol(String ruleProto, String proto) {
        if (ruleProto.isEmpty() || ruleProto.equals("any")) return true;
        for (String p : ruleProto.split("/")) if (p.equals(proto)) return true;
        return false;
    }

    static boolean ipv4(String ipprotocol) {
        return ipprotocol.isEmpty() || ipprotocol.equals("inet") || ipprotocol.equals("inet46");
    }

    /** A port field: "", "443", "1000-2000", "1000:2000", or a port alias. */
    boolean port(String spec, int port) {
        if (spec.isEmpty() || spec.equals("any")) return true;
        PfSenseConfig.Alias alias = aliases.get(spec);
        if (alias != null) {
            return alias.addresses().stream().anyMatch(a -> aliases.containsKey(a) ? port(a, port) : portRange(a, port));
        }
        return portRange(spec, port);
    }

    private static boolean portRange(String spec, int port) {
        String[] r = spec.split("[-:]");
        OptionalInt lo = number(r[0]), hi = r.length > 1 ? number(r[1]) : lo;
        if (lo.isEmpty() || hi.isEmpty()) return true; // not a port we can read: may match
        return port >= lo.value && port <= hi.value;
    }

    private record OptionalInt(int value, boolean present) {
        boolean isEmpty() { return !present; }
    }

    private static OptionalInt number(String s) {
        s = s.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "http", "www": return new OptionalInt(80, true);
            case "https": return new OptionalInt(443, true);
            case "ssh": return new OptionalInt(22, true);
            default: break;
        }
        try {
            return new OptionalInt(Integer.parseInt(s), true);
        } catch (NumberFormatException e) {
            return new OptionalInt(0, false);
        }
    }

    /** An address field (with its {@code <not/>}) against one address. */
    boolean address(Endpoint e, IpAddress a) {
        boolean m = e.any() || (e.network().isEmpty() && e.address().isEmpty()) || matchesNetworkOrAddress(e, a);
        return e.not() != m;
    }

    /** The source field against "any public client": true unless it only names private or firewall networks. */
    boolean anyPublicClient(Endpoint e) {
        if (e.any() || (e.network().isEmpty() && e.address().isEmpty())) return !e.not();
        if (!e.network().isEmpty()) return e.not(); // lan, optN, (self), wanip... are not public clients
        List<Prefix> prefixes = prefixes(e.address());
        if (prefixes.isEmpty()) return true; // unknown alias: may match
        boolean touchesPublic = prefixes.stream().anyMatch(p -> !PublicSpace.NOT_PUBLIC.stream().anyMatch(np -> np.contains(p)));
        return e.not() ? true : touchesPublic;
    }

    private boolean matchesNetworkOrAddress(Endpoint e, IpAddress a) {
        if (!e.network().isEmpty()) return network(e.network(), a);
        List<Prefix> prefixes = prefixes(e.address());
        return prefixes.isEmpty() || prefixes.stream().anyMatch(p -> p.contains(a));
    }

    /** A {@code <network>}: (self), KEYip (an interface address) or KEY (its subnet). */
    boolean network(String network, IpAddress a) {
        if (network.equals("(self)")) return t.localAddresses().contains(a);
        if (network.endsWith("ip")) {
            String key = network.substring(0, network.length() - 2);
            Optional<PfSenseConfig.Interface> i = interfaceByKey(key);
            if (i.isPresent()) {
                Optional<IpAddress> stat = IpAddress.tryParse(i.get().ipaddr());
                if (stat.isPresent()) return stat.get().equals(a);
                // a dynamic address (OpenVPN, DHCP): the one the interface holds (ifconfig, or inferred);
                // not known: may match (the path says so, see unknownAddress)
                String dev = i.get().device();
                if (t.addresses().unknownWhy(dev).isPresent()) return true;
                return t.addresses().on(dev).stream().anyMatch(o -> o.address().equals(a));
            }
        }
        return interfaceByKey(network).map(i -> subnetsOfInterface(i).stream().anyMatch(p -> p.contains(a)))
                .orElse(true); // a network name we do not know (pppoe clients, a VIP...): may match
    }

    List<Prefix> subnetsOfInterface(PfSenseConfig.Interface i) {
        Optional<IpAddress> stat = IpAddress.tryParse(i.ipaddr());
        if (stat.isPresent()) {
            try {
                return List.of(new Prefix(stat.get(), Integer.parseInt(i.subnet())));
            } catch (IllegalArgumentException e) { // also NumberFormatException
                return List.of(Prefix.host(stat.get()));
            }
        }
        return subnets(i.device());
    }

    /** Directly connected prefixes on a device, from the routing table (non-gateway routes). */
    List<Prefix> subnets(String device) {
        return connected.getOrDefault(device, List.of());
    }

    /** An address field: IP, CIDR, range a-b (its first address), or an alias (nested allowed). Empty when unknown. */
    List<Prefix> prefixes(String address) {
        return prefixCache.computeIfAbsent(address, a -> List.copyOf(prefixes(a, 0)));
    }

    private List<Prefix> prefixes(String address, int depth) {
        List<Prefix> out = new ArrayList<>();
        Optional<Prefix> p = Prefix.tryParse(address.contains("-") ? address.substring(0, address.indexOf('-')) : address);
        if (p.isPresent()) {
            out.add(p.get());
            return out;
        }
        PfSenseConfig.Alias alias = aliases.get(address);
        if (alias != null && depth < 8) {
            for (String a : alias.addresses()) out.addAll(prefixes(a, depth + 1));
        }
        return out;
    }

    /** A port forward's target (IP or host alias) as one address. */
    Optional<IpAddress> target(String target) {
        List<Prefix> p = prefixes(target);
        return p.isEmpty() ? Optional.empty() : Optional.of(p.get(0).network());
    }
}
