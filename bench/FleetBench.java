///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../tests/TestDeps.java
//SOURCES Timing.java
//SOURCES ../tests/ops/fleet/*.java
//SOURCES ../lib/OpsLibDep.java
//DESCRIPTION A fleet of virtual firewalls (one MINA SSHD process on loopback) audited by route-audit --all vs one firewall, and vs bare OpenSSH doing the same reads, with and without a round-trip delay. From the repository root: ./jbang bench/FleetBench.java [RUNS] [SIZES] [RTTS ms]; or --serve [SIZE] [RTT ms] to keep a fleet up for profiling.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import ops.live.Batch;
import ops.live.RemoteRead;

/**
 * A benchmark, not a test: prints Markdown rows for bench/RESULTS.md. The fleet is ONE Java
 * process (tests/ops/fleet/VirtualFleet) on loopback, so serving costs no sshd or shell per
 * session; its round-trip delay is the server's own (DelayLine: this kernel has no netem), paid
 * by route-audit and OpenSSH alike. Every row interleaves its runs (route-audit, OpenSSH,
 * route-audit, ...), and one firewall is measured in the same rounds as the fleets.
 */
public class FleetBench {
    static final Path SNAPSHOT = Path.of("examples/fixed").toAbsolutePath();
    static final int PARALLEL = 16; // route-audit's default --parallel; OpenSSH gets the same

    public static void main(String... args) throws Exception {
        boolean serve = args.length > 0 && args[0].equals("--serve");
        String[] a = serve ? Arrays.copyOfRange(args, 1, args.length) : args;
        int runs = !serve && a.length > 0 ? Integer.parseInt(a[0]) : 5;
        List<Integer> sizes = new ArrayList<>(List.of(1));
        for (String s : (a.length > (serve ? 0 : 1) ? a[serve ? 0 : 1] : "50,500").split(",")) sizes.add(Integer.parseInt(s));
        List<Integer> rtts = Arrays.stream((a.length > (serve ? 1 : 2) ? a[serve ? 1 : 2] : "0,40").split(",")).map(Integer::parseInt).toList();
        int max = sizes.stream().mapToInt(Integer::intValue).max().orElseThrow();

        Path dir = Files.createTempDirectory("fleetbench"); // not ops-*: other runs on this machine clean those up
        Path id = dir.resolve("id_ecdsa");
        Timing.run(List.of("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-C", "fleetbench", "-f", id.toString()));
        try {
            for (int rtt : rtts) {
                // a fleet per delay (its own host keys and ports): the delay is the server's
                Process server = startServer(dir, id, max, rtt);
                try {
                    Bench b = new Bench(dir, dir.resolve("fleet").resolve("ssh_config"), server.pid());
                    for (int n : sizes) b.files(n);
                    if (serve) {
                        System.out.printf("fleet of %d up, RTT %d ms; for example:%n  ./jbang route-audit --all -F %s --inventory %s --no-discover%n"
                                + "close this program's input (Ctrl-D) to tear it down%n", max, rtt, b.config, b.inventory(max));
                        while (System.in.read() >= 0) {
                            // until our input closes
                        }
                        return;
                    }
                    b.warmUp(sizes);
                    System.out.printf("%n### RTT %d ms, %d runs per cell, load at start %s%n%n", rtt, runs, load());
                    b.table(sizes, runs);
                    System.out.println("\nload at end: " + load());
                } finally {
                    server.destroy();
                    server.waitFor();
                }
            }
        } finally {
            try (Stream<Path> w = Files.walk(dir)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The fleet in a JVM of its own (its CPU is then measurable apart), from this JVM's classpath, which holds VirtualFleet and MINA. */
    static Process startServer(Path dir, Path id, int firewalls, int rttMs) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "ops.fleet.VirtualFleet",
                "127.0.0.1", "0", String.valueOf(firewalls), SNAPSHOT.toString(), id + ".pub", id.toString(), dir.resolve("fleet").toString(),
                "--rtt-ms=" + rttMs)
                .redirectError(dir.resolve("server.log").toFile()).start();
        String ready = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (ready == null || !ready.startsWith("ready")) {
            throw new IOException("the virtual fleet did not start: " + Files.readString(dir.resolve("server.log")));
        }
        return p;
    }

    static String load() throws IOException {
        String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return l[0] + " " + l[1] + " " + l[2];
    }

    /** One measured run. */
    record Run(long ms, double cpu, long rssKb, long peakHeapMb, long liveHeapMb, double serverCpu, double load) {}

    static final class Bench {
        final Path dir, config, gcDir, script;
        final long serverPid;

        Bench(Path dir, Path config, long serverPid) throws IOException {
            this.dir = dir;
            this.config = config;
            this.serverPid = serverPid;
            this.gcDir = Files.createDirectories(dir.resolve("gc"));
            Files.createDirectories(dir.resolve("fleet"));
            // the firewall's reads exactly as route-audit sends them: one `sh -s` with Batch's script (root login: no sudo)
            List<RemoteRead> reads = List.of(RemoteRead.CONFIG, RemoteRead.ROUTES, RemoteRead.IFCONFIG, RemoteRead.GATEWAY_STATUS,
                    RemoteRead.PF_RULES, RemoteRead.ROUTERS);
            this.script = Files.writeString(dir.resolve("batch.sh"), new Batch(reads.stream().map(r -> r.commandFor("root")).toList()).script());
            Files.writeString(dir.resolve("openssh.sh"), "#!/bin/sh\n# $1 ssh_config, $2 the batch script, $3 a file of host names, $4 how many at once\n"
                    + "xargs -P \"$4\" -I{} sh -c 'exec ssh -F \"$1\" -o BatchMode=yes \"$3\" \"sh -s\" <\"$2\" >/dev/null 2>&1' sh \"$1\" \"$2\" {} <\"$3\"\n");
        }

        static String name(int i) { return String.format("fw%03d", i); }

        Path inventory(int n) { return dir.resolve("ops-" + n + ".toml"); }

        Path hosts(int n) { return dir.resolve("hosts-" + n + ".txt"); }

        void files(int n) throws IOException {
            StringBuilder inv = new StringBuilder(), hosts = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                inv.append("[firewalls.").append(name(i)).append("]\nssh = \"").append(name(i)).append("\"\n");
                hosts.append(name(i)).append('\n');
            }
            Files.writeString(inventory(n), inv);
            Files.writeString(hosts(n), hosts);
        }

        List<String> routeAudit(int n) {
            // the firewalls alone (--no-discover): their config.xml names edges at 203.0.113.x, which are not served here
            return n == 1
                    ? List.of("./jbang", "route-audit", name(1), "-F", config.toString(), "--inventory", inventory(1).toString(),
                            "--no-discover", "--format", "nagios")
                    : List.of("./jbang", "route-audit", "--all", "-F", config.toString(), "--inventory", inventory(n).toString(),
                            "--no-discover", "--format", "nagios");
        }

        List<String> openSsh(int n) {
            return List.of("sh", dir.resolve("openssh.sh").toString(), config.toString(), script.toString(), hosts(n).toString(),
                    String.valueOf(PARALLEL));
        }

        /** Builds and caches route-audit's launch (with the gc-log option every measured run has), checks every side works. */
        void warmUp(List<Integer> sizes) throws Exception {
            for (int n : sizes) {
                measure(routeAudit(n), true);
                measure(openSsh(n), false);
            }
        }

        /** Interleaved rounds: for each round, each size, route-audit then OpenSSH. */
        void table(List<Integer> sizes, int runs) throws Exception {
            Map<Integer, List<Run>> ra = new LinkedHashMap<>(), os = new LinkedHashMap<>();
            for (int n : sizes) {
                ra.put(n, new ArrayList<>());
                os.put(n, new ArrayList<>());
            }
            for (int r = 0; r < runs; r++) {
                for (int n : sizes) {
                    ra.get(n).add(measure(routeAudit(n), true));
                    os.get(n).add(measure(openSsh(n), false));
                }
            }
            long raOne = median(ra.get(1), Run::ms), osOne = median(os.get(1), Run::ms);
            System.out.println("| firewalls | route-audit | OpenSSH | route-audit / OpenSSH | route-audit N / one | OpenSSH N / one "
                    + "| client CPU-s per firewall: route-audit, OpenSSH | route-audit peak heap, live after GC (MB) "
                    + "| server CPU-s per run: route-audit, OpenSSH | load (1 min) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (int n : sizes) {
                long t = median(ra.get(n), Run::ms), o = median(os.get(n), Run::ms);
                System.out.printf("| %d | %d ms | %d ms | %.2f× | %.2f× | %.2f× | %.3f, %.3f | %d, %d | %.2f, %.2f | %.2f–%.2f |%n", n, t, o,
                        (double) t / o, (double) t / raOne, (double) o / osOne,
                        medianD(ra.get(n), Run::cpu) / n, medianD(os.get(n), Run::cpu) / n,
                        median(ra.get(n), Run::peakHeapMb), median(ra.get(n), Run::liveHeapMb),
                        medianD(ra.get(n), Run::serverCpu), medianD(os.get(n), Run::serverCpu),
                        ra.get(n).stream().mapToDouble(Run::load).min().orElse(0), ra.get(n).stream().mapToDouble(Run::load).max().orElse(0));
            }
        }

        /** One run under GNU time (CPU of the whole process tree); a failed run stops the bench. */
        Run measure(List<String> cmd, boolean routeAudit) throws Exception {
            Path timeFile = dir.resolve("time.txt");
            List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-o", timeFile.toString(), "-f", "%U %S %M"));
            timed.addAll(cmd);
            double load = Double.parseDouble(load().split(" ")[0]);
            double server0 = serverCpu();
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(dir.resolve("stderr.txt").toFile()).redirectInput(new java.io.File("/dev/null"));
            if (routeAudit) pb.environment().put("JBANG_JAVA_OPTIONS", "-Xlog:gc*:file=" + gcDir.resolve("gc-%p.log"));
            Process p = pb.start();
            int exit = p.waitFor();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            double server = serverCpu() - server0;
            // route-audit's exit is the audit's verdict (nagios: 0 OK, 1 WARNING, 2 CRITICAL); 3 means a firewall went unread
            if (routeAudit ? exit > 2 : exit != 0) {
                throw new IOException(String.join(" ", cmd) + " exited " + exit + ": " + Files.readString(dir.resolve("stderr.txt")));
            }
            List<String> timeLines = Files.readAllLines(timeFile); // "Command exited with non-zero status N" first, if so
            String[] t = timeLines.get(timeLines.size() - 1).strip().split("\\s+");
            long[] heap = routeAudit ? heap() : new long[] {0, 0};
            return new Run(ms, Double.parseDouble(t[0]) + Double.parseDouble(t[1]), Long.parseLong(t[2]), heap[0], heap[1], server, load);
        }

        private static final Pattern PAUSE = Pattern.compile("Pause .* (\\d+)M->(\\d+)M\\(");
        private static final Pattern EXIT_USED = Pattern.compile("garbage-first heap\\s+total \\d+K, used (\\d+)K");

        /** From the run's -Xlog:gc file(s): the most heap in use (before a GC, or at exit) and the most left after a GC, in MB. */
        long[] heap() throws IOException {
            long peak = 0, live = 0;
            try (Stream<Path> logs = Files.list(gcDir)) {
                for (Path f : logs.toList()) {
                    for (String line : Files.readAllLines(f)) {
                        Matcher m = PAUSE.matcher(line);
                        if (m.find()) {
                            peak = Math.max(peak, Long.parseLong(m.group(1)));
                            live = Math.max(live, Long.parseLong(m.group(2)));
                        }
                        Matcher e = EXIT_USED.matcher(line);
                        if (e.find()) peak = Math.max(peak, Long.parseLong(e.group(1)) / 1024);
                    }
                    Files.delete(f);
                }
            }
            return new long[] {peak, live};
        }

        /** The fleet process's user + system CPU so far, in seconds (/proc/PID/stat, clock ticks of 1/100 s). */
        double serverCpu() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        }
    }

    static long median(List<Run> runs, java.util.function.ToLongFunction<Run> f) {
        return Timing.median(runs.stream().map(f::applyAsLong).toList());
    }

    static double medianD(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        double[] xs = runs.stream().mapToDouble(f).sorted().toArray();
        return xs[xs.length / 2];
    }
}
