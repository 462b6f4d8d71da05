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

    /** One published path: through an edge, a probe kind, the port the edge publishes. */
    record LabPath(String edge, String kind, int port) {
        String gateway() { return "EDGE" + edge.substring(4) + "_VPNV4"; }
        String service() { return "tcp/" + port; }
        String tunnelDevice() { return "ovpnc" + edge.substring(4); }
        String edgeTunnelIp() { return "10.8." + edge.substring(4) + ".1"; }
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

    /** tcp/80 (http) and tcp/443 (plain tcp) of each edge, and the admin's SSH through EDGE1 tcp/2222. */
    List<LabPath> paths() {
        List<LabPath> out = new ArrayList<>();
        for (String e : List.of("edge1", "edge2", "edge3")) {
            out.add(new LabPath(e, "http", 80));
            out.add(new LabPath(e, "tcp", 443));
        }
        out.add(new LabPath("edge1", "ssh", 2222));
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
