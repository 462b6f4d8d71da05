///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//COMPILE_OPTIONS -encoding UTF-8
//SOURCES ../tests/TestDeps.java
//SOURCES ../lib/OpsLibDep.java
//SOURCES ../tests/ops/ssh/SshLab.java
//SOURCES ../tests/ops/ssh/SshAgent.java
//SOURCES ../tests/ops/live/SnapshotHosts.java
//SOURCES ../tests/ops/live/LoginWays.java
//DESCRIPTION What each way of logging in (agent, ProxyCommand nc / ssh -W, certificates) costs a live route-audit, as a ratio to OpenSSH doing the same reads the same way. Run from the repository root: ./jbang bench/LoginWaysBench.java [RUNS]

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import ops.live.LoginWays;
import ops.ssh.SshLab;

/** Not a test: prints medians and ratios. See bench/README.md. */
public class LoginWaysBench {
    public static void main(String... args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        try (SshLab lab = new SshLab(); LoginWays ways = new LoginWays(lab, Path.of("examples/double-nat").toAbsolutePath())) {
            String cfg = lab.sshConfig.toString();
            System.out.printf("%-10s %18s %18s %8s%n", "login", "OpenSSH 17 reads", "route-audit", "ratio");
            for (String alias : LoginWays.ALIASES) {
                // OpenSSH: the firewall's 6 reads the given way, the edges' 11 with their plain keys, all at once
                StringBuilder all = new StringBuilder();
                for (String c : List.of("cat /conf/config.xml", "netstat -rnW", "ifconfig -a", "pfSsh.php playback gatewaystatus", "pfctl -sr",
                        "grep -H . /tmp/*_router")) {
                    all.append("ssh -F '").append(cfg).append("' ").append(alias).append(" '").append(c).append("' >/dev/null 2>&1 & ");
                }
                for (int e = 1; e <= 3; e++) {
                    for (String c : List.of("iptables-save", "nft -j list ruleset", "ip -j addr", "ip -j route")) {
                        all.append("ssh -F '").append(cfg).append("' edge").append(e).append(" '").append(c).append("' >/dev/null 2>&1 & ");
                    }
                }
                all.append("wait");
                long ssh = median(runs, List.of("sh", "-c", all.toString()));
                long audit = median(runs, List.of("./jbang", "scripts/route-audit.java", alias, "-F", cfg, "--inventory", ways.inventory.toString()));
                System.out.printf("%-10s %15d ms %15d ms %7.2fx%n", alias, ssh, audit, (double) audit / ssh);
            }
        }
    }

    static long median(int runs, List<String> cmd) throws Exception {
        List<Long> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectInput(new File("/dev/null")).start();
            int exit = p.waitFor();
            if (exit != 0 && exit != 2) throw new IllegalStateException(cmd + " exited " + exit); // 2: double-nat is CRITICAL
            ms.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(ms);
        return runs % 2 == 1 ? ms.get(runs / 2) : (ms.get(runs / 2 - 1) + ms.get(runs / 2)) / 2;
    }
}
