package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import ops.ssh.SshLab;
import ops.support.ScriptProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A passphrase planted in $OPS_SSH_PASSPHRASE (the only way a secret reaches the tools) must
 * never show up anywhere else: not in any process's argv, not in the environment of the
 * children we start (ssh -G), not on stdout or stderr (also with --debug and OPS_TRACE), not in
 * --json, snapshots or change records; and what we save is private (0700 folders, 0600 files).
 */
class SecretsTest {
    static final String SECRET = "planted-" + UUID.randomUUID();
    static SshLab lab;
    static Path inventory;

    @BeforeAll
    static void up() throws IOException {
        lab = new SshLab();
        // the lab's key, now encrypted with the planted passphrase
        Path key = lab.dir.resolve("id_secret");
        SshLab.keygen(key, "ed25519", SECRET);
        Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(key)), StandardOpenOption.APPEND);
        Path serve = SnapshotHosts.install(lab, LiveAuditTest.EXAMPLE);
        SshLab.Sshd fw = lab.start("fw", "ForceCommand " + serve + " FIREWALL");
        StringBuilder toml = new StringBuilder("[firewalls.fw]\nssh = \"fw\"\n\n[firewalls.fw.edges]\n");
        List<SshLab.Sshd> hosts = new ArrayList<>(List.of(fw));
        int n = 1;
        for (String gw : SnapshotHosts.gateways()) {
            hosts.add(lab.start("edge" + n, "ForceCommand " + serve + " " + gw));
            toml.append(gw).append(" = \"edge").append(n++).append("\"\n");
        }
        StringBuilder config = new StringBuilder();
        for (SshLab.Sshd h : hosts) {
            lab.trust(h, "ed25519");
            config.append("Host ").append(h.name()).append("\n  HostName 127.0.0.1\n  Port ").append(h.port())
                    .append("\n  IdentityFile ").append(key).append("\n  IdentitiesOnly yes\n  UserKnownHostsFile ").append(lab.knownHosts)
                    .append("\n  GlobalKnownHostsFile /dev/null\n");
        }
        config.append("Host deadedge\n  HostName 127.0.0.1\n  Port ").append(SshLab.freePort()).append('\n');
        Files.writeString(lab.sshConfig, config.toString());
        inventory = lab.dir.resolve("ops.toml");
        Files.writeString(inventory, toml);
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
    }

    @Test
    void thePassphraseAppearsNowhereButWhereTheUserPutIt() throws Exception {
        Path snap = lab.dir.resolve("saved/snap");
        Path state = lab.dir.resolve("state");
        Map<String, String> env = Map.of("OPS_SSH_PASSPHRASE", SECRET, "OPS_TRACE", "1", "OPS_STATE_DIR", state.toString());
        List<String[]> runs = List.of(
                new String[] {"route-audit", "fw", "--json", "--save-snapshot", snap.toString()},
                new String[] {"route-audit", "fw", "--format", "prometheus", "--debug"},
                new String[] {"route-audit", "fw", "--edge", "EDGE2_VPNV4=deadedge", "--debug"}, // a failure, with a stack trace
                new String[] {"default-route", "fw", "set", "EDGE2_VPNV4", "--dry-run"},
                new String[] {"nat-toggle", "fw", "EDGE2_VPNV4", "status"});
        StringBuilder printed = new StringBuilder();
        for (String[] run : runs) {
            List<String> args = new ArrayList<>(List.of(run).subList(1, run.length));
            args.addAll(List.of("-F", lab.sshConfig.toString(), "--inventory", inventory.toString()));
            Process p = ScriptProcess.start(env, run[0], args.toArray(String[]::new));
            Set<String> leaks = ConcurrentHashMap.newKeySet();
            Thread watch = new Thread(() -> {
                while (p.isAlive()) {
                    leaks.addAll(leaksInProcesses(p));
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watch.start();
            ScriptProcess.Result r = ScriptProcess.finish(p);
            watch.join();
            assertTrue(r.exit() <= 3, String.join(" ", run) + ": " + r.err());
            assertEquals(Set.of(), leaks, String.join(" ", run) + ": the passphrase leaked into a process");
            printed.append(r.out()).append(r.err());
        }
        assertTrue(printed.toString().contains("\"paths\""), "the runs really logged in (the key needs the passphrase): " + printed);
        assertFalse(printed.toString().contains(SECRET), "the passphrase was printed");
        assertTrue(Files.exists(snap.resolve("config.xml")));
        for (Path dir : List.of(snap, state)) {
            if (!Files.exists(dir)) continue;
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.toList()) {
                    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(f));
                    assertEquals(Files.isDirectory(f) ? "rwx------" : "rw-------", perms, f + " is private");
                    if (Files.isRegularFile(f)) assertFalse(Files.readString(f).contains(SECRET), f + " holds the passphrase");
                }
            }
        }
    }

    /** Any process whose argv holds the secret, and any child of {@code script} whose environment does. */
    private static Set<String> leaksInProcesses(Process script) {
        Set<String> found = new java.util.HashSet<>();
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                if (contains(read(p.resolve("cmdline")), secret)) found.add("argv of " + p.getFileName() + ": " + cmdline(p));
            }
        } catch (IOException ignored) {
            // /proc changes while we list it
        }
        String own = cmdline(Path.of("/proc", Long.toString(script.pid())));
        script.descendants().forEach(child -> {
            Path p = Path.of("/proc", Long.toString(child.pid()));
            if (cmdline(p).contains("/jspawnhelper ")) return; // the JVM's spawn trampoline: it execs the child with the env we set
            // caught between fork and exec, a child is still a copy of the script itself (same program, the env
            // the user gave it); the env it runs with is set at its exec, which this sampling sees next time
            if (!own.isEmpty() && cmdline(p).equals(own)) return;
            if (contains(read(p.resolve("environ")), secret)) found.add("environment of child " + child.pid() + ": " + cmdline(p));
        });
        return found;
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException gone) {
            return new byte[0];
        }
    }

    private static String cmdline(Path proc) {
        return new String(read(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
