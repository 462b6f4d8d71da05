package ops.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import ops.pfsense.FirewallInterface;
import ops.pfsense.PfSenseConfig;
import ops.route.Route;
import ops.route.RoutingTable;

/**
 * FreeBSD's {@code netstat -rn} without {@code -W} cuts interface names to 8 characters
 * ({@code vmx0_vlan10} prints as {@code vmx0_vla}), which then match no gateway's device. A cut
 * name that begins exactly one known device (config.xml's, or ifconfig's) is that device; a cut
 * name shared by several stays as printed and matches nothing, as before.
 */
final class NetifNames {
    private NetifNames() {}

    /** The width netstat cuts Netif to without -W (usr.bin/netstat/route.c). */
    static final int CUT = 8;

    static RoutingTable untruncate(RoutingTable routes, PfSenseConfig config, Optional<List<FirewallInterface>> ifconfig) {
        Set<String> known = new LinkedHashSet<>();
        for (PfSenseConfig.Interface i : config.interfaces()) known.add(i.device());
        ifconfig.ifPresent(l -> l.forEach(i -> known.add(i.device())));
        List<Route> out = null;
        List<Route> all = routes.routes();
        for (int n = 0; n < all.size(); n++) {
            Route r = all.get(n);
            if (r.netif().length() != CUT || known.contains(r.netif())) continue;
            String full = null;
            int matches = 0;
            for (String d : known) {
                if (d.length() > CUT && d.startsWith(r.netif())) {
                    full = d;
                    matches++;
                }
            }
            if (matches != 1) continue;
            if (out == null) out = new ArrayList<>(all);
            out.set(n, new Route(r.family(), r.destination(), r.rawDestination(), r.gateway(), r.flags(), full));
        }
        return out == null ? routes : new RoutingTable(out);
    }
}
