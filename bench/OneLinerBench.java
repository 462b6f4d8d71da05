///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES Timing.java
//DESCRIPTION route-audit live against the lab (firewall + 3 edges) vs bare OpenSSH doing the same reads, side by side, with and without 40 ms of added round-trip delay; plus the cold first run and the offline audit vs java -version. Run as root from the repository root: ./jbang bench/OneLinerBench.java [RUNS]

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A benchmark, not a test: medians of interleaved runs; prints Markdown rows for bench/RESULTS.md. */
public class OneLinerBench {
    static final List<String> HOSTS = List.of("fw", "edge1", "edge2", "edge3");
    static final String FW_READS = "cat /conf/config.xml; netstat -rnW; ifconfig -a; pfSsh.php playback gatewaystatus; pfctl -sr; grep -H . /tmp/*_router";
    static final String EDGE_READS = "iptables-save; nft -j list ruleset; ip -j addr; ip -j route";

    public static void main(String... args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        check(Timing.run(List.of("tests/lab/lab", "up", "fixed")) == 0, "lab up failed (root? see tests/lab/README.md)");
        try {
            // the lab's state folder, as tests/lab/lab sets it (LAB_STATE, default /var/lib/opslab)
            Path cfg = Path.of(System.getenv().getOrDefault("LAB_STATE", "/var/lib/opslab"), "ssh/config");
            System.out.println("| what | median | runs |\n|---|---|---|");
            for (int delayMs : new int[] {0, 20}) {
                Path config = delayMs == 0 ? cfg : delayed(cfg, delayMs);
                String label = delayMs == 0 ? "loopback lab" : "+" + 2 * delayMs + " ms RTT on every SSH path";
                List<String> audit = new ArrayList<>(List.of("./jbang", "route-audit", "fw", "-F", config.toString()));
                for (int n = 1; n <= 3; n++) audit.addAll(List.of("--edge", "EDGE" + n + "_VPNV4=edge" + n));
                StringBuilder ssh = new StringBuilder();
                for (String h : HOSTS) {
                    ssh.append("ssh -F ").append(config).append(' ').append(h).append(" '").append(h.equals("fw") ? FW_READS : EDGE_READS)
                            .append("' >/dev/null 2>&1 & ");
                }
                List<String> bare = List.of("sh", "-c", ssh + "wait");
                // warm: JBang's answer cached, class-data archive written, page cache hot; and both must really work
                int ra = Timing.run(audit), sh = Timing.run(bare);
                check(ra < 3 && sh == 0, "route-audit exited " + ra + ", ssh " + sh + " (" + label + "): nothing to compare");
                Map<String, List<Long>> times = interleaved(runs, Map.of("route-audit", audit, "ssh", bare));
                long a = Timing.median(times.get("route-audit")), s = Timing.median(times.get("ssh"));
                System.out.printf("| route-audit fw + 3 edges, %s | %d ms | %d |%n", label, a, runs);
                System.out.printf("| 4 × bare `ssh` in parallel, same reads, %s | %d ms | %d |%n", label, s, runs);
                System.out.printf("| **ratio** (%s) | **%.2f×** | |%n", label, (double) a / s);
            }
            // cold: an empty JBang cache (dependencies already in ~/.m2), no launcher shortcut
            Path jbangCache = Files.createTempDirectory("jbang-cold");
            ProcessBuilder cold = new ProcessBuilder("./jbang", "route-audit", "fw", "-F", cfg.toString(), "--edge", "EDGE1_VPNV4=edge1",
                    "--edge", "EDGE2_VPNV4=edge2", "--edge", "EDGE3_VPNV4=edge3");
            cold.environment().put("JBANG_CACHE_DIR", jbangCache.toString());
            cold.environment().put("OPS_JBANG_NO_LAUNCH_CACHE", "1");
            System.out.printf("| cold first run (empty JBang cache, deps in ~/.m2: compile + class-data archive) | %d ms | 1 |%n", time(cold));
            // offline: our own start-up cost against the JVM's
            List<String> offline = List.of("./jbang", "route-audit", "--snapshot", "examples/double-nat");
            Timing.run(offline);
            Map<String, List<Long>> off = interleaved(runs, Map.of("offline", offline, "java", List.of("java", "-version")));
            long o = Timing.median(off.get("offline")), j = Timing.median(off.get("java"));
            System.out.printf("| offline `route-audit --snapshot examples/double-nat` | %d ms | %d |%n", o, runs);
            System.out.printf("| `java -version` (same JDK) | %d ms | %d |%n", j, runs);
            System.out.printf("| **ratio** offline / java -version | **%.1f×** | |%n", (double) o / j);
        } finally {
            Timing.run(List.of("tests/lab/lab", "down"));
        }
    }

    /** Runs each command once per round, in turn, so that load changes hit all of them alike. */
    static Map<String, List<Long>> interleaved(int runs, Map<String, List<String>> commands) throws Exception {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(new java.util.TreeSet<>(commands.keySet()));
        for (int i = 0; i < runs; i++) {
            for (String n : names) out.computeIfAbsent(n, k -> new ArrayList<>()).add(time(new ProcessBuilder(commands.get(n))));
        }
        return out;
    }

    static long time(ProcessBuilder pb) throws Exception {
        long t = System.nanoTime();
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null"));
        pb.start().waitFor();
        return (System.nanoTime() - t) / 1_000_000;
    }


    static void check(boolean ok, String why) {
        if (!ok) throw new IllegalStateException(why);
    }

    /** An ssh_config whose hosts are reached through delaying relays on loopback; host keys still pinned to the real addresses. */
    static Path delayed(Path cfg, int delayMs) throws IOException {
        List<String> lines = Files.readAllLines(cfg);
        StringBuilder out = new StringBuilder();
        String host = null;
        for (String l : lines) {
            String t = l.strip();
            if (t.startsWith("Host ")) host = t.substring(5).strip();
            if (t.startsWith("HostName ") && HOSTS.contains(host)) {
                String target = t.substring(9).strip();
                int port = DelayRelay.start(target, 22, delayMs);
                out.append("  HostName 127.0.0.1\n  Port ").append(port).append("\n  HostKeyAlias ").append(target).append('\n');
                continue;
            }
            out.append(l).append('\n');
        }
        Path p = Files.createTempFile("ssh-delayed", ".config");
        Files.writeString(p, out);
        return p;
    }

    /** A TCP relay that holds every chunk for {@code delayMs} in each direction: a 2×delay round trip, order kept. */
    static final class DelayRelay {
        static int start(String host, int port, int delayMs) throws IOException {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread accept = new Thread(() -> {
                while (true) {
                    try {
                        Socket client = server.accept();
                        Socket upstream = new Socket();
                        upstream.connect(new InetSocketAddress(host, port), 5000);
                        client.setTcpNoDelay(true);
                        upstream.setTcpNoDelay(true);
                        pump(client, upstream, delayMs);
                        pump(upstream, client, delayMs);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "relay-accept");
            accept.setDaemon(true);
            accept.start();
            return server.getLocalPort();
        }

        static void pump(Socket from, Socket to, int delayMs) {
            ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "relay-write");
                t.setDaemon(true);
                return t;
            });
            Thread reader = new Thread(() -> {
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to.getOutputStream();
                    byte[] buf = new byte[65536];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        byte[] chunk = Arrays.copyOf(buf, n);
                        later.schedule(() -> {
                            try {
                                out.write(chunk);
                                out.flush();
                            } catch (IOException ignored) {
                                // the other side went away; the reader will see it too
                            }
                        }, delayMs, TimeUnit.MILLISECONDS);
                    }
                } catch (IOException ignored) {
                    // connection closed
                }
                later.schedule(() -> {
                    try {
                        to.shutdownOutput();
                    } catch (IOException ignored) {
                        // already closed
                    }
                    later.shutdown();
                }, delayMs, TimeUnit.MILLISECONDS);
            }, "relay-read");
            reader.setDaemon(true);
            reader.start();
        }
    }
}
