package ops.route;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.net.Prefix;
import ops.text.Lines;
import ops.text.Words;

/**
 * Reads FreeBSD/pfSense {@code netstat -rn} text, with or without {@code -W}, both the
 * "Internet:" and "Internet6:" sections. Columns are located by the header line, so the
 * FreeBSD 12 (Refs/Use), 13+ (Nhop#/Mtu) and plain layouts all read the same.
 */
public final class NetstatReader {
    private NetstatReader() {}

    public static RoutingTable read(String source, String text) {
        if (text == null || text.isBlank()) {
            throw new OpsException(source + ": empty; expected the output of `netstat -rn`");
        }
        List<Route> routes = new ArrayList<>();
        IpAddress.Family family = null;
        int destCol = -1, gwCol = -1, flagsCol = -1, netifCol = -1, columns = 0;
        boolean sawHeader = false;
        // gateways, flags and interfaces repeat across a table: one String each, not one per line
        java.util.Map<String, String> shared = new java.util.HashMap<>();
        int n = -1;
        for (java.util.Iterator<String> it = text.lines().iterator(); it.hasNext(); ) {
            n++;
            String line = it.next().strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("Routing tables")) continue;
            if (line.equals("Internet:")) { family = IpAddress.Family.INET; continue; }
            if (line.equals("Internet6:")) { family = IpAddress.Family.INET6; continue; }
            String[] f = Words.split(line);
            if (f[0].equals("Destination")) {
                sawHeader = true;
                destCol = 0;
                gwCol = indexOf(f, "Gateway");
                flagsCol = indexOf(f, "Flags");
                netifCol = indexOf(f, "Netif");
                columns = f.length;
                if (gwCol < 0 || flagsCol < 0 || netifCol < 0) {
                    throw new OpsException(source + " line " + (n + 1) + ": header lacks Gateway, Flags or Netif: '"
                            + line + "'; expected `netstat -rn` output");
                }
                continue;
            }
            if (!sawHeader) {
                throw new OpsException(source + " line " + (n + 1) + ": '" + Lines.quote(line)
                        + "' before any 'Destination Gateway Flags ... Netif' header; expected `netstat -rn` output");
            }
            // the Expire column is often empty, so a route has columns-1 or columns fields
            if (f.length < columns - 1 || f.length > columns) {
                throw new OpsException(source + " line " + (n + 1) + ": expected " + (columns - 1) + " or " + columns
                        + " columns, found " + f.length + ": '" + Lines.quote(line) + "'");
            }
            if (Math.max(Math.max(destCol, gwCol), Math.max(flagsCol, netifCol)) >= f.length) { // short of a column we read
                throw new OpsException(source + " line " + (n + 1) + ": " + f.length + " columns, too few for the header's Netif column: '"
                        + Lines.quote(line) + "'");
            }
            String dest = f[destCol];
            IpAddress.Family fam = family != null ? family : (dest.indexOf(':') >= 0 ? IpAddress.Family.INET6 : IpAddress.Family.INET);
            Optional<Prefix> prefix = destination(dest, fam);
            if (prefix.isEmpty() && fam == IpAddress.Family.INET) {
                throw new OpsException(source + " line " + (n + 1) + ": cannot read destination '" + dest
                        + "' as an IPv4 prefix; run netstat with -n (numeric)");
            }
            routes.add(new Route(fam, prefix, dest, shared.computeIfAbsent(f[gwCol], k -> k),
                    shared.computeIfAbsent(f[flagsCol], k -> k), shared.computeIfAbsent(f[netifCol], k -> k)));
        }
        if (!sawHeader) {
            throw new OpsException(source + ": no 'Destination Gateway Flags ... Netif' header; expected the output of `netstat -rn`");
        }
        return new RoutingTable(routes);
    }

    /** "default", "a.b.c.d/len", a host "a.b.c.d", abbreviated "10.8/16", IPv6 with %zone. */
    static Optional<Prefix> destination(String dest, IpAddress.Family family) {
        if (dest.equals("default")) {
            return Optional.of(family == IpAddress.Family.INET ? Prefix.ANY_V4 : Prefix.parse("::/0"));
        }
        String d = dest;
        int zone = d.indexOf('%');
        if (zone >= 0) { // fe80::%em0/64 -> fe80::/64
            int slash = d.indexOf('/', zone);
            d = d.substring(0, zone) + (slash >= 0 ? d.substring(slash) : "");
        }
        if (family == IpAddress.Family.INET) {
            int slash = d.indexOf('/');
            String addr = slash < 0 ? d : d.substring(0, slash);
            int octets = 1;
            for (int i = 0; i < addr.length(); i++) if (addr.charAt(i) == '.') octets++;
            if (octets < 4 && slash >= 0) { // BSD abbreviates trailing zero octets: 10.8/16
                d = addr + ".0".repeat(4 - octets) + d.substring(slash);
            }
        }
        return Prefix.tryParse(d).filter(p -> p.family() == family);
    }

    private static int indexOf(String[] f, String name) {
        for (int i = 0; i < f.length; i++) if (f[i].equals(name)) return i;
        return -1;
    }
}
