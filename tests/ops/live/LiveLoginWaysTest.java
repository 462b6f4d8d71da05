package ops.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import ops.ssh.SshAgent;
import ops.ssh.SshLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * route-audit live against a real sshd serving examples/double-nat, logged in each way an admin's
 * own terminal does it: a key only the real ssh-agent holds, a ProxyCommand of `nc` and of
 * `ssh -W` through a jump host, a user certificate on a server that trusts its CA and whose host
 * key is known only by its certificate. Each gives the same report as a plain key file.
 */
class LiveLoginWaysTest {
    static final Path EXAMPLE = Path.of("examples/double-nat").toAbsolutePath();
    static final String ME = System.getProperty("user.name");
    static SshLab lab;
    static Path inventory;
    static SshAgent agent;
    static RouteAuditRun plain;

    @BeforeAll
    static void up() throws IOException {
        assumeTrue(Files.isDirectory(EXAMPLE), "run from the repository root (examples/double-nat)");
        lab = new SshLab();
        Path serve = SnapshotHosts.install(lab, EXAMPLE);
        SnapshotHosts.Hosts hosts = SnapshotHosts.startAll(lab, serve);
        SshLab.Sshd fw = hosts.firewall();
        String fwInventory = Files.readString(hosts.inventory());
        StringBuilder toml = new StringBuilder(fwInventory);

        // a key only the agent holds
        Path agentKey = lab.dir.resolve("id_agent");
        SshLab.keygen(agentKey, "ed25519", "");
        Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(agentKey)), StandardOpenOption.APPEND);
        agent = SshAgent.start(lab.dir, true);
        agent.add(agentKey);
        Files.delete(agentKey);
        host("fw-agent", fw.port(), "IdentityFile none", "IdentityAgent " + agent.socket);

        // ProxyCommand: nc, and ssh -W through a jump host
        SshLab.Sshd jump = lab.start("jump");
        lab.alias("jump", jump, "BatchMode yes");
        lab.trust(jump, "ed25519");
        host("fw-nc", fw.port(), "IdentityFile " + lab.clientKey, "ProxyCommand nc %h %p");
        host("fw-w", fw.port(), "IdentityFile " + lab.clientKey, "ProxyCommand ssh -F " + lab.sshConfig + " -W %h:%p jump");

        // certificates both ways: the server trusts the user CA, known_hosts only the host CA
        Path userCa = lab.dir.resolve("user_ca");
        SshLab.keygen(userCa, "ed25519", "");
        Path hostCa = lab.dir.resolve("host_ca");
        SshLab.keygen(hostCa, "ed25519", "");
        Path keyDir = Files.createDirectories(lab.dir.resolve("sshd-fwcert"));
        for (String type : List.of("ed25519", "rsa")) SshLab.keygen(keyDir.resolve("ssh_host_" + type + "_key"), type, "");
        Path hostKey = keyDir.resolve("ssh_host_ed25519_key");
        SshLab.run(List.of("ssh-keygen", "-q", "-s", hostCa.toString(), "-h", "-I", "fw", "-n", "127.0.0.1", "-V", "-5m:+1h", hostKey + ".pub"));
        SshLab.Sshd fwCert = lab.startWithKeys("fwcert", keyDir, "ForceCommand " + serve + " FIREWALL",
                "TrustedUserCAKeys " + SshLab.pub(userCa), "AuthorizedKeysFile none", "HostCertificate " + hostKey + "-cert.pub");
        String[] ca = Files.readString(SshLab.pub(hostCa)).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "@cert-authority [127.0.0.1]:" + fwCert.port() + " " + ca[0] + " " + ca[1] + "\n",
                StandardOpenOption.APPEND);
        Path certKey = lab.dir.resolve("id_cert");
        SshLab.keygen(certKey, "ed25519", "");
        SshLab.run(List.of("ssh-keygen", "-q", "-s", userCa.toString(), "-I", "ops", "-n", ME, "-V", "-5m:+1h", certKey + ".pub"));
        host("fw-cert", fwCert.port(), "IdentityFile " + certKey, "IdentitiesOnly yes");

        for (String alias : List.of("fw-agent", "fw-nc", "fw-w", "fw-cert")) {
            toml.append('\n').append(fwInventory.replace("[firewalls.fw", "[firewalls." + alias).replace("ssh = \"fw\"", "ssh = \"" + alias + "\""));
        }
        inventory = lab.dir.resolve("ways.toml");
        Files.writeString(inventory, toml);
        plain = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", inventory.toString());
        assertEquals(2, plain.exit(), plain.err()); // double-nat is CRITICAL
    }

    static void host(String alias, int port, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder("Host " + alias + "\n  HostName 127.0.0.1\n  Port " + port + "\n  User " + ME
                + "\n  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n");
        for (String l : lines) sb.append("  ").append(l).append('\n');
        Files.writeString(lab.sshConfig, sb.toString(), StandardOpenOption.APPEND);
    }

    @AfterAll
    static void down() throws IOException {
        if (agent != null) agent.close();
        if (lab != null) lab.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fw-agent", "fw-nc", "fw-w", "fw-cert"})
    void theLiveAuditGivesTheSameReportAsWithAPlainKeyFile(String alias) {
        if (alias.equals("fw-nc")) assumeTrue(ops.ssh.SshSettings.findOnPath("nc").isPresent(), "nc not installed (tests/run installs it)");
        RouteAuditRun run = RouteAuditRun.of(alias, "-F", lab.sshConfig.toString(), "--inventory", inventory.toString());
        assertEquals(plain.exit(), run.exit(), run.err());
        assertEquals(plain.reportWithout("fw"), run.reportWithout(alias));
        assertTrue(run.out().startsWith("route-audit " + alias + ": CRITICAL"), run.out());
    }
}
