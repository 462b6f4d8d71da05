///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../tests/TestDeps.java
//SOURCES Timing.java
//SOURCES ../tests/ops/ssh/SshLab.java
//SOURCES ../tests/ops/live/SnapshotHosts.java
//SOURCES ../lib/OpsLibDep.java
//DESCRIPTION 50 firewalls (loopback sshds, each serving its own config.xml) audited in one route-audit run vs one firewall. Run from the repository root: ./jbang bench/FleetBench.java [FIREWALLS] [RUNS]

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import ops.live.SnapshotHosts;
import ops.ssh.SshLab;

/** A benchmark, not a test: prints Markdown rows for bench/RESULTS.md. */
public class FleetBench {
    public static void main(String... args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (SshLab lab = new SshLab()) {
            SnapshotHosts.install(lab, Path.of("examples/fixed").toAbsolutePath()); // the fake commands, in lab/fakebin
            StringBuilder inventory = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                String name = String.format("fw%02d", i);
                Path snap = Files.createDirectories(lab.dir.resolve("snap-" + name));
                for (String f : List.of("routes.txt", "gateway-status.txt", "pf-rules.txt", "routers.txt")) {
                    Files.copy(Path.of("examples/fixed", f), snap.resolve(f));
                }
                Files.writeString(snap.resolve("config.xml"), Files.readString(Path.of("examples/fixed/config.xml"))
                        .replace("<hostname>fw1</hostname>", "<hostname>" + name + "</hostname>"));
                Path serve = lab.dir.resolve("serve-" + name + ".sh");
                Files.writeString(serve, "#!/bin/sh\nROLE=FIREWALL; SNAP='" + snap + "'; PATH='" + lab.dir.resolve("fakebin") + "':\"$PATH\"; "
                        + "export ROLE SNAP PATH\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n");
                Files.setPosixFilePermissions(serve, PosixFilePermissions.fromString("rwxr-xr-x"));
                SshLab.Sshd s = lab.start(name, "ForceCommand " + serve, "MaxStartups 200");
                lab.alias(name, s);
                lab.trust(s, "ed25519");
                inventory.append("[firewalls.").append(name).append("]\n");
            }
            Path inv = lab.dir.resolve("ops.toml");
            Files.writeString(inv, inventory);
            String cfg = lab.sshConfig.toString();
            // the firewalls alone, as before discovery: their config.xml names edges at 203.0.113.x, never contacted here
            List<String> one = List.of("./jbang", "route-audit", "fw01", "-F", cfg, "--inventory", inv.toString(), "--no-discover");
            Timing.run(one);
            System.out.println("| what | median | runs |\n|---|---|---|");
            long single = Timing.median(times(one, runs));
            System.out.printf("| one firewall (fw01) | %d ms | %d |%n", single, runs);
            StringBuilder bare = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                bare.append("ssh -F ").append(cfg).append(String.format(" fw%02d", i))
                        .append(" 'cat /conf/config.xml; netstat -rnW; ifconfig -a; pfSsh.php playback gatewaystatus; pfctl -sr; grep -H . /tmp/*_router'")
                        .append(" >/dev/null 2>&1 & ");
            }
            long ssh = Timing.median(times(List.of("sh", "-c", bare + "wait"), runs));
            System.out.printf("| bare OpenSSH: %d `ssh` processes at once, the same reads (what the %d sshds on this machine cost) | %d ms | %d |%n",
                    count, count, ssh, runs);
            for (int parallel : new int[] {8, 16, count}) {
                List<String> all = List.of("./jbang", "route-audit", "--all", "--parallel", String.valueOf(parallel), "--format", "nagios",
                        "-F", cfg, "--inventory", inv.toString(), "--no-discover");
                Timing.run(all);
                long t = Timing.median(times(all, runs));
                System.out.printf("| %d firewalls, --parallel %d | %d ms (%.2f× one) | %d |%n", count, parallel, t, (double) t / single, runs);
            }
        }
    }

    static List<Long> times(List<String> cmd, int runs) throws Exception {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            Timing.run(cmd);
            out.add((System.nanoTime() - t) / 1_000_000);
        }
        return out;
    }
}
