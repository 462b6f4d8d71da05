package ops.audit;

import java.util.List;
import java.util.Optional;
import ops.model.Gateway;
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
 * When the loaded ruleset was read, a config.xml rule that pf does not have is passed over (pf
 * never evaluates it) and kept in {@code notLoaded}: the verdict then follows what is loaded.
 *
 * @param rule      the deciding rule; empty for the default deny
 * @param tab       where it lives: "floating", "OpenVPN", "WireGuard", "group NAME" or the interface key
 * @param passes    whether it lets the connection in
 * @param notLoaded a config.xml rule that would have matched first but is not in the loaded ruleset
 */
record PassRule(Optional<FilterRule> rule, String tab, boolean passes, Optional<FilterRule> notLoaded) {

    PassRule(Optional<FilterRule> rule, String tab, boolean passes) {
        this(rule, tab, passes, Optional.empty());
    }

    /** A connection from any public client arriving on {@code ifaceKey} for {@code dst}:{@code port}. */
    static PassRule find(Topology t, Match m, String ifaceKey, String device, String protocol, IpAddress dst, int port) {
        FilterRule[] missing = new FilterRule[1];
        PassRule p = search(t, m, ifaceKey, device, protocol, dst, port, missing);
        return missing[0] == null ? p : new PassRule(p.rule(), p.tab(), p.passes(), Optional.of(missing[0]));
    }

    private static PassRule search(Topology t, Match m, String ifaceKey, String device, String protocol, IpAddress dst, int port,
                                   FilterRule[] missing) {
        FilterRule lastNonQuickFloating = null;
        for (FilterRule r : m.floatingRules()) {
            if (floatingApplies(t, r, ifaceKey, device) && matches(m, r, protocol, dst, port) && loaded(m, r, missing)) {
                if (r.quick()) return decided(r, "floating");
                lastNonQuickFloating = r;
            }
        }
        for (PfSenseConfig.InterfaceGroup g : t.config().interfaceGroups()) {
            if (!g.members().contains(ifaceKey)) continue;
            Optional<PassRule> p = firstOnTab(m, g.name(), "group " + g.name(), protocol, dst, port, missing);
            if (p.isPresent()) return p.get();
        }
        if (Gateway.isOpenVpnDevice(device)) {
            Optional<PassRule> p = firstOnTab(m, "openvpn", "OpenVPN", protocol, dst, port, missing);
            if (p.isPresent()) return p.get();
        }
        if (Gateway.isWireGuardDevice(device)) { // the WireGuard package's group tab, like OpenVPN's
            Optional<PassRule> p = firstOnTab(m, "WireGuard", "WireGuard", protocol, dst, port, missing);
            if (p.isPresent()) return p.get();
        }
        Optional<PassRule> p = firstOnTab(m, ifaceKey, ifaceKey, protocol, dst, port, missing);
        if (p.isPresent()) return p.get();
        if (lastNonQuickFloating != null) return decided(lastNonQuickFloating, "floating");
        return new PassRule(Optional.empty(), "default deny", false);
    }

    private static Optional<PassRule> firstOnTab(Match m, String tabKey, String tabName,
                                                 String protocol, IpAddress dst, int port, FilterRule[] missing) {
        for (FilterRule r : m.tab(tabKey)) {
            if (matches(m, r, protocol, dst, port) && loaded(m, r, missing)) {
                return Optional.of(decided(r, tabName));
            }
        }
        return Optional.empty();
    }

    /** False for a rule the loaded ruleset lacks (pf never sees it); the first such rule is remembered. */
    private static boolean loaded(Match m, FilterRule r, FilterRule[] missing) {
        if (m.loaded(r)) return true;
        if (missing[0] == null) missing[0] = r;
        return false;
    }

    private static boolean floatingApplies(Topology t, FilterRule r, String ifaceKey, String device) {
        String dir = r.direction();
        if (!(dir.isEmpty() || dir.equals("in") || dir.equals("any"))) return false;
        if (r.interfaces().isEmpty() || r.interfaces().contains("any")) return true;
        for (String i : r.interfaces()) {
            if (i.equals(ifaceKey) || (i.equals("openvpn") && Gateway.isOpenVpnDevice(device))
                    || (i.equals("WireGuard") && Gateway.isWireGuardDevice(device))) return true;
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
        return rule.map(r -> describe(tab, r)).orElse(tab);
    }

    static String describe(String tab, FilterRule r) {
        return tab + " rule '" + (r.descr().isEmpty() ? "tracker " + r.tracker() : r.descr()) + "'";
    }
}
