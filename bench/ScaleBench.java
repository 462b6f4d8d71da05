///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../lib/OpsLibDep.java
//DESCRIPTION Parse + analyze time and peak heap of a generated large network at 1x, 2x, 4x, 8x (1x = 10,000 filter rules, 1,000 port forwards, 200 gateways, 100,000 routes). Each size runs in a fresh JVM.

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;

/** Benchmark, not a test: prints a Markdown table; `--child K` measures one size in this JVM. */
public class ScaleBench {
    public static void main(String... args) throws Exception {
        if (args.length == 2 && args[0].equals("--child")) {
            child(Integer.parseInt(args[1]));
            return;
        }
        int[] sizes = {1, 2, 4, 8};
        System.out.println("| size | rules | forwards | gateways | routes | config.xml MB | parse ms (first) | analyze ms (first) | total ms (best of 3) | peak heap MB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        List<double[]> points = new ArrayList<>();
        for (int k : sizes) {
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx8g",
                    "-XX:TieredStopAtLevel=1", "-cp", // as the scripts run (their //RUNTIME_OPTIONS)
                    System.getProperty("java.class.path"), "ScaleBench", "--child", String.valueOf(k)).inheritIO()
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            String line = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor();
            System.out.println(line);
            String[] cells = line.split("\\|");
            // the work of one audit: parse + analyze in a fresh JVM (first run), and its peak heap
            points.add(new double[] {k, Double.parseDouble(cells[7].strip()) + Double.parseDouble(cells[8].strip()),
                    Double.parseDouble(cells[10].strip())});
        }
        // least-squares slope of best time and of heap against the size factor: linear growth means a straight line
        System.out.printf("%nslope (first run, parse + analyze): %.0f ms per 1x of size, %.0f MB of heap per 1x; time at 8x / 1x = %.1f%n",
                slope(points, 1), slope(points, 2), points.get(3)[1] / points.get(0)[1]);
        // the user's view: the real script (C1, class-data archive) on the 1x snapshot, minus a bare JVM start
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("scale-1x");
        ops.snapshot.SnapshotDir.write(dir, generate(1));
        List<String> audit = List.of("./jbang", "route-audit", "--snapshot", dir.toString(), "--quiet", "--format", "json");
        run(audit);
        run(audit);
        long script = median(audit, 5), jvm = median(List.of("java", "-version"), 5);
        System.out.printf("route-audit --snapshot (1x) through the script: %d ms; java -version: %d ms; work after JVM start: %d ms%n",
                script, jvm, script - jvm);
    }

    private static long run(List<String> cmd) throws Exception {
        long t = System.nanoTime();
        new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return (System.nanoTime() - t) / 1_000_000;
    }

    private static long median(List<String> cmd, int runs) throws Exception {
        List<Long> xs = new ArrayList<>();
        for (int i = 0; i < runs; i++) xs.add(run(cmd));
        xs.sort(null);
        return xs.get(runs / 2);
    }

    private static double slope(List<double[]> pts, int col) {
        double mx = pts.stream().mapToDouble(p -> p[0]).average().orElse(0), my = pts.stream().mapToDouble(p -> p[col]).average().orElse(0);
        double num = 0, den = 0;
        for (double[] p : pts) { num += (p[0] - mx) * (p[col] - my); den += (p[0] - mx) * (p[0] - mx); }
        return num / den;
    }

    private static void child(int k) {
        Snapshot s = generate(k);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) pool.resetPeakUsage();
        long t0 = System.nanoTime();
        Topology t = TopologyBuilder.build(s);
        long t1 = System.nanoTime();
        AuditResult r = Analyzer.analyze(t);
        long t2 = System.nanoTime();
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long a = System.nanoTime();
            Analyzer.analyze(TopologyBuilder.build(s));
            best = Math.min(best, System.nanoTime() - a);
        }
        if (r.paths().size() != 1000 * k) throw new IllegalStateException("expected " + 1000 * k + " paths, got " + r.paths().size());
        System.out.printf("| %dx | %d | %d | %d | %d | %.1f | %d | %d | %d | %d |%n", k, 10000 * k, 1000 * k, 200 * k, t.routes().routes().size(),
                s.configXml().length() / 1e6, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, best / 1_000_000, peak / (1 << 20));
    }

    /** 200k gateways... scaled by k: each OpenVPN gateway publishes 5 ports, has 50 filter rules; 100k routes. */
    static Snapshot generate(int k) {
        int gateways = 200 * k;
        Random rnd = new Random(7);
        StringBuilder ifs = new StringBuilder(), nat = new StringBuilder(), rules = new StringBuilder(), ovpn = new StringBuilder();
        StringBuilder routes = new StringBuilder("Routing tables\n\nInternet:\nDestination        Gateway            Flags     Netif Expire\n");
        StringBuilder routers = new StringBuilder();
        Map<String, Snapshot.Edge> edges = new LinkedHashMap<>();
        routes.append(String.format("%-18s %-18s %-8s %7s%n", "default", "10.0.1.1", "UGS", "ovpnc1"));
        for (int n = 1; n <= gateways; n++) {
            String net = "10." + (n / 250) + "." + (n % 250 + 1);
            ifs.append("<opt").append(n).append("><if>ovpnc").append(n).append("</if><descr>EDGE").append(n).append("</descr><enable/></opt").append(n).append(">\n");
            ovpn.append("<openvpn-client><vpnid>").append(n).append("</vpnid><dev_mode>tun</dev_mode></openvpn-client>\n");
            routers.append("/tmp/ovpnc").append(n).append("_router:").append(net).append(".1\n");
            routes.append(String.format("%-18s %-18s %-8s %7s%n", net + ".0/24", "link#" + (n + 4), "U", "ovpnc" + n));
            routes.append(String.format("%-18s %-18s %-8s %7s%n", net + ".2", "link#3", "UHS", "lo0"));
            StringBuilder ipt = new StringBuilder("*nat\n");
            for (int p = 0; p < 5; p++) {
                int port = 8000 + p;
                nat.append("<rule><source><any/></source><destination><network>opt").append(n).append("ip</network><port>").append(port)
                        .append("</port></destination><protocol>tcp</protocol><target>192.168.1.").append(10 + p).append("</target><local-port>")
                        .append(port).append("</local-port><interface>opt").append(n).append("</interface><descr>svc ").append(p).append("</descr></rule>\n");
                ipt.append("-A PREROUTING -i eth0 -p tcp --dport ").append(port).append(" -j DNAT --to-destination ").append(net).append(".2:").append(port).append('\n');
            }
            if (n % 3 != 0) ipt.append("-A POSTROUTING -o tun0 -j MASQUERADE\n");
            ipt.append("COMMIT\n");
            for (int r = 0; r < 50; r++) {
                boolean pass = r >= 45;
                rules.append("<rule><tracker>").append(1700000000L + n * 100L + r).append("</tracker><type>").append(pass ? "pass" : "block")
                        .append("</type><interface>opt").append(n).append("</interface><ipprotocol>inet</ipprotocol><protocol>tcp</protocol>")
                        .append("<source>").append(pass ? "<any/>" : "<address>" + (rnd.nextInt(200) + 11) + "." + rnd.nextInt(256) + ".0.0/16</address>")
                        .append("</source><destination><address>192.168.1.").append(10 + r % 5).append("</address><port>").append(8000 + r % 5)
                        .append("</port></destination><descr>rule ").append(r).append("</descr></rule>\n");
            }
            String addr = "[{\"ifname\":\"eth0\",\"flags\":[\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"203.0.113." + (n % 250 + 1)
                    + "\",\"prefixlen\":24}]},{\"ifname\":\"tun0\",\"flags\":[\"UP\"],\"addr_info\":[{\"family\":\"inet\",\"local\":\"" + net + ".1\",\"prefixlen\":24}]}]";
            String gw = "EDGE" + n + "_VPNV4";
            edges.put(gw, new Snapshot.Edge(gw, Optional.of(ipt.toString()), Optional.empty(), Optional.of(addr), Optional.empty()));
        }
        for (int i = 0; i < 100_000 * k - 2 * gateways - 2; i++) {
            int len = 16 + rnd.nextInt(9);
            long a = (rnd.nextInt(200) + 11L) << 24 | (rnd.nextInt() & 0xFFFFFFL);
            a &= 0xFFFFFFFFL << (32 - len);
            String dst = (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255) + "/" + len;
            int via = 1 + rnd.nextInt(gateways);
            routes.append(String.format("%-18s %-18s %-8s %7s%n", dst, "10." + (via / 250) + "." + (via % 250 + 1) + ".1", "UG1", "ovpnc" + via));
        }
        routes.append(String.format("%-18s %-18s %-8s %7s%n", "192.168.1.0/24", "link#2", "U", "vtnet1"));
        String config = "<?xml version=\"1.0\"?>\n<pfsense><version>23.3</version><interfaces>"
                + "<lan><enable/><if>vtnet1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>\n" + ifs + "</interfaces>"
                + "<openvpn>" + ovpn + "</openvpn><gateways><defaultgw4>EDGE1_VPNV4</defaultgw4></gateways>"
                + "<nat><outbound><mode>automatic</mode></outbound>" + nat + "</nat><filter>" + rules + "</filter>"
                + "<revision><time>1</time></revision></pfsense>\n";
        return new Snapshot("scale-" + k + "x", config, routes.toString(), Optional.empty(), Optional.empty(), Optional.of(routers.toString()), edges);
    }
}
