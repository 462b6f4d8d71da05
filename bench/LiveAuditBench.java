///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../tests/TestDeps.java
//SOURCES ../lib/OpsLibDep.java
//SOURCES ../tests/ops/ssh/SshLab.java
//SOURCES ../tests/ops/live/SnapshotHosts.java
//DESCRIPTION Wall time of a live route-audit against loopback sshds (firewall + 3 edges serving examples/double-nat) vs `ssh ALIAS true`. Run from the repository root: ./jbang bench/LiveAuditBench.java [RUNS]

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import ops.live.LiveReader;
import ops.live.LiveTarget;
import ops.live.SnapshotHosts;
import ops.ssh.SshConnector;
import ops.ssh.SshLab;

/** Not a test: prints medians. See bench/README.md for what it compares and the last figures. */
public class LiveAuditBench {
    public static void main(String... args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        try (SshLab lab = new SshLab()) {
            Path serve = SnapshotHosts.install(lab, Path.of("examples/double-nat").toAbsolutePath());
            Path inv = SnapshotHosts.startAll(lab, serve).inventory();
            String cfg = lab.sshConfig.toString();

            report("ssh fw true (OpenSSH, one host, one command)", runs,
                    () -> exec(List.of("ssh", "-F", cfg, "fw", "true")));
            report("ssh fw 'netstat -rn' (OpenSSH, one read)", runs,
                    () -> exec(List.of("ssh", "-F", cfg, "fw", "netstat -rn")));
            StringBuilder all = new StringBuilder();
            for (String c : List.of("cat /conf/config.xml", "netstat -rnW", "ifconfig -a", "pfSsh.php playback gatewaystatus", "pfctl -sr", "grep -H . /tmp/*_router")) {
                all.append("ssh -F '").append(cfg).append("' fw '").append(c).append("' >/dev/null 2>&1 & ");
            }
            for (int e = 1; e <= 3; e++) {
                for (String c : List.of("iptables-save", "nft -j list ruleset", "ip -j addr", "ip -j route")) {
                    all.append("ssh -F '").append(cfg).append("' edge").append(e).append(" '").append(c).append("' >/dev/null 2>&1 & ");
                }
            }
            all.append("wait");
            report("OpenSSH: the same 17 reads, one ssh process each, all in parallel", runs,
                    () -> exec(List.of("sh", "-c", all.toString())));
            report("route-audit fw (new JVM via ./jbang: 4 hosts, 17 reads, audit, report)", runs,
                    () -> exec(List.of("./jbang", "scripts/route-audit.java", "fw", "-F", cfg, "--inventory", inv.toString())));
            SshConnector ssh = new SshConnector(lab.settings());
            LiveTarget target = LiveTarget.of("fw", Map.of(), java.util.Optional.of(ops.inventory.Inventory.read(inv)));
            new LiveReader(ssh, w -> {}).read(target); // warm up
            report("LiveReader.read in a warm JVM (4 hosts, 17 reads)", runs, () -> {
                new LiveReader(ssh, w -> {}).read(target);
                return 0;
            });
            report("one sshj connect + `true` in a warm JVM", runs, () -> {
                try (var c = ssh.connect("fw")) {
                    return c.run("true", java.time.Duration.ofSeconds(10)).exitStatus().orElse(-1);
                }
            });
        }
    }

    static int exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null")).start();
        return p.waitFor();
    }

    static void report(String what, int runs, Callable<Integer> task) throws Exception {
        List<Long> ms = new ArrayList<>();
        int lastExit = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            lastExit = task.call();
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(ms);
        long median = runs % 2 == 1 ? ms.get(runs / 2) : (ms.get(runs / 2 - 1) + ms.get(runs / 2)) / 2;
        System.out.printf("%-75s median %5d ms  (min %d, max %d, n=%d, last exit %d)%n", what, median, ms.get(0), ms.get(runs - 1), runs, lastExit);
    }
}
