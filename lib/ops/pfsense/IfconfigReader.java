package ops.pfsense;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.net.IpAddress;
import ops.text.Lines;
import ops.text.Words;

/**
 * Reads FreeBSD's {@code ifconfig -a} (pfSense 2.4 to 2.7 print the same layout): a line
 * {@code NAME: flags=8051<UP,POINTOPOINT,...> metric 0 mtu 1500} opens an interface, and its
 * tab-indented lines follow. Only the IPv4 address lines and the groups are kept:
 * {@code inet 10.8.0.6 --> 10.8.0.5 netmask 0xffffffff}, {@code inet 192.168.1.1 netmask
 * 0xffffff00 broadcast 192.168.1.255 [vhid 1]}, or {@code inet 10.0.0.1/24} (the -f inet:cidr form).
 */
public final class IfconfigReader {
    private IfconfigReader() {}

    public static List<FirewallInterface> read(String source, String text) {
        List<FirewallInterface> out = new ArrayList<>();
        String device = null;
        boolean up = false;
        List<FirewallInterface.Address> addresses = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (line.isBlank()) continue;
            boolean indented = Character.isWhitespace(line.charAt(0));
            if (!indented) {
                int colon = line.indexOf(": flags=");
                if (colon <= 0) {
                    throw new OpsException(source + " line " + (n + 1) + ": '" + Lines.quote(line)
                            + "' is not an interface line (NAME: flags=...); expected `ifconfig -a` output from the firewall");
                }
                if (device != null) out.add(new FirewallInterface(device, up, List.copyOf(addresses), List.copyOf(groups)));
                device = line.substring(0, colon);
                String flags = line.substring(colon + 8);
                int lt = flags.indexOf('<'), gt = flags.indexOf('>');
                up = lt >= 0 && gt > lt && List.of(flags.substring(lt + 1, gt).split(",")).contains("UP");
                addresses = new ArrayList<>();
                groups = new ArrayList<>();
                continue;
            }
            if (device == null) {
                throw new OpsException(source + " line " + (n + 1) + ": '" + Lines.quote(line.strip())
                        + "' before any interface line; expected `ifconfig -a` output from the firewall");
            }
            String[] f = Words.split(line.strip());
            if (f.length == 0) continue;
            if (f[0].equals("inet") && f.length >= 2) {
                addresses.add(address(source, n + 1, line.strip(), f));
            } else if (f[0].equals("groups:")) {
                for (int i = 1; i < f.length; i++) groups.add(f[i]);
            }
        }
        if (device == null) {
            // ifconfig -a always lists lo0 at least: nothing at all is a failed or wrong read, not "no addresses"
            throw new OpsException(source + ": no interfaces; expected the output of `ifconfig -a` on the firewall");
        }
        out.add(new FirewallInterface(device, up, List.copyOf(addresses), List.copyOf(groups)));
        return out;
    }

    private static FirewallInterface.Address address(String source, int lineNo, String line, String[] f) {
        String local = f[1];
        int prefixLen = 32;
        int slash = local.indexOf('/');
        if (slash >= 0) {
            prefixLen = length(source, lineNo, line, local.substring(slash + 1));
            local = local.substring(0, slash);
        }
        IpAddress addr = v4(source, lineNo, line, local);
        Optional<IpAddress> peer = Optional.empty();
        boolean vhid = false;
        for (int i = 2; i < f.length; i++) {
            switch (f[i]) {
                case "-->" -> {
                    if (i + 1 < f.length) peer = Optional.of(v4(source, lineNo, line, f[++i]));
                }
                case "netmask" -> {
                    if (i + 1 < f.length) prefixLen = netmask(source, lineNo, line, f[++i]);
                }
                case "vhid" -> vhid = true;
                default -> { } // broadcast, vhid's number, prefixlen of inet6-like tails: not needed
            }
        }
        return new FirewallInterface.Address(addr, prefixLen, peer, vhid);
    }

    private static IpAddress v4(String source, int lineNo, String line, String text) {
        return IpAddress.tryParse(text).filter(IpAddress::isV4).orElseThrow(() -> new OpsException(source + " line " + lineNo
                + ": '" + Lines.quote(text) + "' is not an IPv4 address in '" + Lines.quote(line) + "'"));
    }

    /** FreeBSD prints the mask in hex (0xffffff00); a dotted mask is read too. */
    private static int netmask(String source, int lineNo, String line, String text) {
        long mask = -1;
        try {
            if (text.startsWith("0x")) {
                mask = Long.parseLong(text.substring(2), 16);
            } else {
                Optional<IpAddress> dotted = IpAddress.tryParse(text).filter(IpAddress::isV4);
                if (dotted.isPresent()) mask = dotted.get().lo();
            }
        } catch (NumberFormatException e) {
            mask = -1;
        }
        if (mask < 0 || mask > 0xffffffffL || !contiguous(mask)) {
            throw new OpsException(source + " line " + lineNo + ": netmask '" + Lines.quote(text) + "' is not a contiguous IPv4 mask in '"
                    + Lines.quote(line) + "'");
        }
        return Long.bitCount(mask);
    }

    private static boolean contiguous(long mask) {
        long inverted = ~mask & 0xffffffffL;
        return (inverted & (inverted + 1)) == 0;
    }

    private static int length(String source, int lineNo, String line, String text) {
        try {
            int len = Integer.parseInt(text);
            if (len >= 0 && len <= 32) return len;
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new OpsException(source + " line " + lineNo + ": prefix length '" + Lines.quote(text) + "' in '" + Lines.quote(line) + "'");
    }
}
