package ops.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ops.fleet.VirtualFleet;
import ops.ssh.SshLab;

/**
 * What the JVM that dumps tests/run's class archive runs (runner.ClassArchive): each script the way
 * the tests start them, in this one JVM, so that the classes a script JVM loads (the lib, the report
 * writers, and sshj with its crypto for a live read) are in the archive. Only what is loaded here is
 * archived; a class it misses, or one CDS leaves out (picocli's: Java 5 class files), is read from
 * its jar as before. Prints one line per
 * run and exits non-zero if a run did not do what a correct script does, so a broken training is
 * seen rather than archived.
 */
public final class ScriptJvmTraining {
    private ScriptJvmTraining() {}

    static final List<String> MAINS = List.of("RouteAudit", "NatToggleCommand", "DefaultRouteCommand", "SourceIpCheckCommand", "RealIpCommand");

    public static void main(String... args) throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String main : MAINS) expect(wrong, 0, main, "--help");
        expect(wrong, 3, "RouteAudit", "--no-such-flag"); // picocli's error path (UNKNOWN)
        for (String format : List.of("text", "json", "nagios", "prometheus", "html")) {
            expect(wrong, 2, "RouteAudit", "--snapshot", "examples/double-nat", "--format", format);
        }
        live(wrong);
        if (!wrong.isEmpty()) {
            System.err.println("training: " + String.join("; ", wrong));
            System.exit(1);
        }
    }

    /** A live audit over SSH (host key check, key login, the batched reads, edge discovery) against one virtual firewall. */
    private static void live(List<String> wrong) throws Exception {
        if (ops.ssh.SshSettings.findOnPath("ssh-keygen").isEmpty()) {
            System.out.println("training: no ssh-keygen, so no live audit (the SSH tests are skipped too)");
            return;
        }
        Path dir = Files.createTempDirectory("ops-training");
        try {
            Path identity = dir.resolve("id_ecdsa"); // the virtual fleet's server (MINA) takes no ed25519 key without an extra module
            SshLab.keygen(identity, "ecdsa", "");
            try (VirtualFleet fleet = VirtualFleet.start("127.0.0.1", 0, 1, Repo.path("examples/fixed"), SshLab.pub(identity), true, Duration.ZERO)) {
                fleet.writeClientFiles(dir, identity);
                expect(wrong, 0, "RouteAudit", "fw001", "-F", dir.resolve("ssh_config").toString(),
                        "--inventory", dir.resolve("ops.toml").toString());
            }
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void expect(List<String> wrong, int exit, String main, String... args) {
        ScriptRun r = ScriptRun.of(main, args);
        String run = main + " " + String.join(" ", args);
        System.out.println("training: " + run + " -> " + r.exit());
        if (r.exit() != exit) wrong.add(run + " exited " + r.exit() + ", not " + exit + ": " + r.err().strip());
    }
}
