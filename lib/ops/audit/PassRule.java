package ops.audit;

import java.util.List;
import java.util.Optional;
import ops.model.Topology;
import ops.net.IpAddress;
import ops.pfsense.PfSenseConfig;
import ops.pfsense.PfSenseConfig.FilterRule;

/**
 * Which filter rule decides an inbound connection, in pfSense's order: quick floating rules,
 * then interface-group tabs, then the OpenVPN tab (a group of every ovpn device), then the
 * interface's own tab; all tab rules are quick, so the first match wins. Without a quick match
 * the last matching non-quick floating rule decides, else the default deny.
 *
 * @param rule   the deciding rule; empty for the default deny
 * @param tab    where it lives: "floating", "OpenVPN", "group NAME" or the interface key
 * @param passes whether it lets the connection in
 */
record PassRule(Optional<FilterRule> rule, String tab, boolean passes) {

    /** A connection from any public client arriving on {@code ifaceKey} for {@code dst}:{@code port}. */
    static PassRule find(Topology t, Match m, String ifaceKey, String device, String protocol, IpAddress dst, int port) {
        FilterRule lastNonQuickFloating = null;
        for (FilterRule r : m.floatingRules()) {
            if (floatingApplies(t, r, ifaceKey, device) && matches(m, r, protocol, dst, port)) {
                if (r.quick()) return decided(r, "floating");
                lastNonQuickFloating = r;
            }
        }
        for (PfSenseConfig.InterfaceGroup g : t.config().interfaceGroups()) {
            if (!g.members().contains(ifaceKey)) continue;
            Optional<PassRule> p = firstOnTab(t, m, g.name(), "group " + g.name(), protocol, dst, port);
            if (p.isPresent()) return p.get();
        }
        if (device.startsWith("ovpn")) {
            Optional<PassRule> p = firstOnTab(t, m, "openvpn", "OpenVPN", protocol, dst, port);
            if (p.isPresent()) return p.get();
        }
        Optional<PassRule> p = firstOnTab(t, m, ifaceKey, ifaceKey, protocol, dst, port);
        if (p.isPresent()) return p.get();
        if (lastNonQuickFloating != null) return decided(lastNonQuickFloating, "floating");
        return new PassRule(Optional.empty(), "default deny", false);
    }

    private static Optional<PassRule> firstOnTab(Topology t, Match m, String tabKey, String tabName,
                                                 String protocol, IpAddress dst, int port) {
        for (FilterRule r : m.tab(tabKey)) {
            if (matches(m, r, protocol, dst, port)) {
                return Optional.of(decided(r, tabName));
            }
        }
        return Optional.empty();
    }

    private static boolean floatingApplies(Topology t, FilterRule r, String ifaceKey, String device) {
        String dir = r.direction();
        if (!(dir.isEmpty() || dir.equals("in") || dir.equals("any"))) return false;
        if (r.interfaces().isEmpty() || r.interfaces().contains("any")) return true;
        for (String i : r.interfaces()) {
            if (i.equals(ifaceKey) || (i.equals("openvpn") && device.startsWith("ovpn"))) return true;
            if (t.config().interfaceGroups().stream().anyMatch(g -> g.name().equals(i) && g.members().contains(ifaceKey))) return true;
        }
        return false;
    }

    private static boolean matches(Match m, FilterRule r, String protocol, IpAddress dst, int port) {
        if (r.disabled() || type(r).equals("match") || !Match.ipv4(r.ipprotocol())) return false;
        if (!Match.protocol(r.protocol(), protocol)) return false;
        if (!m.anyPublicClient(r.source())) return false;
        if (!r.source().port().isEmpty() && !r.source().port().equals("any")) return false; // client ports are random
        return m.address(r.destination(), dst) && m.port(r.destination().port(), port);
    }

    private static PassRule decided(FilterRule r, String tab) {
        return new PassRule(Optional.of(r), tab, type(r).equals("pass"));
    }

    /** pfSense treats a rule without {@code <type>} as pass (port-forward filter rules have none). */
    static String type(FilterRule r) {
        return r.type().isEmpty() ? "pass" : r.type();
    }

    String describe() {
        return rule.map(r -> tab + " rule '" + (r.descr().isEmpty() ? "tracker " + r.tracker() : r.descr()) + "'")
                .orElse(tab);
    }
}
