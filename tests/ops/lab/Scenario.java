package ops.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import ops.audit.Verdict;

/** A scenario of tests/lab/scenarios: its settings and the ground truth it declares per path. */
record Scenario(String name, Properties p) {

    static final String CLIENT_IP = "198.51.100.10";
    static final String ADMIN_IP = "198.51.100.20";
    /** The lab's IP-echo page on the internet's side (tests/lab/echo): HTML at /, {"ip": ...} at /json. */
    static final String ECHO_URL = "http://203.0.113.1:8080/";

    static final List<String> EDGES = List.of("edge1", "edge2", "edge3");

    /**
     * An edge's tunnel, shaped by the scenario's {@code edgeN.tunnel} (subnet, net30, p2p, wireguard) and
     * addressed as tests/lab/lib/common.sh wires it.
     *
     * @param wgIndex the K of the firewall's tun_wgK (WireGuard edges counted from 0 in edge order)
     */
    record Tunnel(String edge, String shape, int wgIndex) {
        int n() { return Integer.parseInt(edge.substring(4)); }
        boolean wireguard() { return shape.equals("wireguard"); }
        /** pfSense's gateway: OpenVPN's dynamic EDGEN_VPNV4, or the one the admin defined for WireGuard. */
        String gateway() { return "EDGE" + n() + (wireguard() ? "_WG" : "_VPNV4"); }
        /** The firewall's device: ovpncN (OpenVPN client N) or tun_wgK. */
        String firewallDevice() { return wireguard() ? "tun_wg" + wgIndex : "ovpnc" + n(); }
        String edgeDevice() { return wireguard() ? "wg0" : "tun0"; }
        /** The edge's own tunnel address: what the server sees when the edge masquerades. */
        String edgeAddress() {
            return switch (shape) {
                case "p2p" -> "10.8." + n() + ".100";
                case "wireguard" -> "10.9." + n() + ".1";
                default -> "10.8." + n() + ".1";
            };
        }
        /** The gateway's address on the firewall (net30: 10.8.N.5, which no edge holds). */
        String gatewayAddress() { return shape.equals("net30") ? "10.8." + n() + ".5" : edgeAddress(); }
        /** The firewall's tunnel address, where the edge DNATs to. */
        String firewallAddress() {
            return switch (shape) {
                case "net30" -> "10.8." + n() + ".6";
                case "p2p" -> "10.8." + n() + ".200";
                case "wireguard" -> "10.9." + n() + ".2";
                default -> "10.8." + n() + ".2";
            };
        }
    }

    /** One published path: through an edge (and its tunnel), a probe kind, the port the edge publishes. */
    record LabPath(String edge, String kind, int port, Tunnel tunnel) {
        String gateway() { return tunnel.gateway(); }
        String service() { return "tcp/" + port; }
        String tunnelDevice() { return tunnel.firewallDevice(); }
        String edgeTunnelIp() { return tunnel.edgeAddress(); }
        String clientIp() { return kind.equals("ssh") ? ADMIN_IP : CLIENT_IP; }
        @Override public String toString() { return edge + " " + service() + (kind.equals("ssh") ? " (admin ssh)" : " (" + kind + ")"); }
    }

    static List<Scenario> all() {
        Path dir = Lab.repo().resolve("tests/lab/scenarios");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".properties")).sorted().map(Scenario::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Scenario read(Path f) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String file = f.getFileName().toString();
        return new Scenario(file.substring(0, file.length() - ".properties".length()), p);
    }

    static Scenario named(String name) {
        return read(Lab.repo().resolve("tests/lab/scenarios/" + name + ".properties"));
    }

    /** tcp/80 (http) and tcp/443 (plain tcp) of each edge, and the admin's SSH through EDGE1 tcp/2222. */
    List<LabPath> paths() {
        List<LabPath> out = new ArrayList<>();
        for (String e : EDGES) {
            out.add(new LabPath(e, "http", 80, tunnel(e)));
            out.add(new LabPath(e, "tcp", 443, tunnel(e)));
        }
        out.add(new LabPath("edge1", "ssh", 2222, tunnel("edge1")));
        return out;
    }

    private static final Set<String> SHAPES = Set.of("subnet", "net30", "p2p", "wireguard");

    /** The edge's tunnel: its shape is the word of {@code edgeN.tunnel} that names one (subnet when none does). */
    Tunnel tunnel(String edge) {
        int wg = 0;
        for (String e : EDGES) {
            String shape = shape(e);
            if (e.equals(edge)) return new Tunnel(edge, shape, wg);
            if (shape.equals("wireguard")) wg++;
        }
        throw new IllegalArgumentException(name + ": no edge " + edge);
    }

    private String shape(String edge) {
        for (String w : p.getProperty(edge + ".tunnel", "").trim().split("\\s+")) {
            if (SHAPES.contains(w)) return w;
        }
        return "subnet";
    }

    /** Gateway name -> lab host of each edge, as route-audit and source-ip-check take them (--edge GATEWAY=HOST). */
    java.util.Map<String, String> edgeHosts() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String e : EDGES) m.put(tunnel(e).gateway(), e);
        return m;
    }

    /** The {@code --edge GATEWAY=HOST} arguments for every edge. */
    List<String> edgeArgs() {
        List<String> out = new ArrayList<>();
        edgeHosts().forEach((gw, host) -> { out.add("--edge"); out.add(gw + "=" + host); });
        return out;
    }

    Verdict expected(LabPath path) {
        String key = path.kind().equals("ssh") ? "expect.admin" : "expect." + path.edge();
        String v = p.getProperty(key);
        if (v == null) throw new IllegalStateException(name + ": no " + key);
        return Verdict.valueOf(v.trim());
    }

    Set<String> findings() {
        return new TreeSet<>(Arrays.asList(p.getProperty("findings", "").trim().split("\\s+")));
    }

    boolean masquerades(String edge) { return p.getProperty(edge + ".masquerade", "yes").trim().equals("yes"); }

    String nat(String edge) { return p.getProperty(edge + ".nat", "iptables").trim(); }

    String description() { return p.getProperty("description", ""); }
}
