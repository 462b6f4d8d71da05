package ops.live;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import ops.ssh.SshAgent;
import ops.ssh.SshLab;

/**
 * The firewall of {@link SnapshotHosts} reached each way an admin's terminal reaches it, one
 * ssh_config alias per way, each in the inventory with the same edges: `fw` (a plain key file),
 * `fw-agent` (a key only a real ssh-agent holds), `fw-nc` and `fw-w` (ProxyCommand `nc` and
 * `ssh -W` through a jump host), `fw-cert` (a user certificate on a server that trusts its CA,
 * its host key known only by its certificate); also `fw-noisy`, whose ProxyCommand writes on stderr. Shared by LiveLoginWaysTest and LoginWaysBench.
 */
public final class LoginWays implements AutoCloseable {
    public static final List<String> ALIASES = List.of("fw", "fw-agent", "fw-nc", "fw-w", "fw-cert");
    static final String ME = System.getProperty("user.name");
    /** What `fw-noisy`'s ProxyCommand writes on stderr. */
    public static final String NOISE = "ops-proxy-says-hello";

    public final SshLab lab;
    public final Path inventory;
    private final SshAgent agent;

    public LoginWays(SshLab lab, Path snapshot) throws IOException {
        this.lab = lab;
        Path serve = SnapshotHosts.install(lab, snapshot);
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
        // one that talks on stderr: what it says reaches ours only with --debug
        host("fw-noisy", fw.port(), "IdentityFile " + lab.clientKey, "ProxyCommand sh -c 'echo " + NOISE + " >&2; exec nc %h %p'");

        // certificates both ways: the server trusts the user CA, known_hosts only the host CA
        Path userCa = lab.dir.resolve("user_ca");
        SshLab.keygen(userCa, "ed25519", "");
        Path hostCa = lab.dir.resolve("host_ca");
        SshLab.keygen(hostCa, "ed25519", "");
        Path keyDir = Files.createDirectories(lab.dir.resolve("sshd-fwcert"));
        for (String type : List.of("ed25519", "rsa")) SshLab.keygen(keyDir.resolve("ssh_host_" + type + "_key"), type, "");
        Path hostKey = keyDir.resolve("ssh_host_ed25519_key");
        SshLab.run(List.of("ssh-keygen", "-q", "-s", hostCa.toString(), "-h", "-I", "fw", "-n", "127.0.0.1", "-V", "-5m:+1d", hostKey + ".pub"));
        SshLab.Sshd fwCert = lab.startWithKeys("fwcert", keyDir, "ForceCommand " + serve + " FIREWALL",
                "TrustedUserCAKeys " + SshLab.pub(userCa), "AuthorizedKeysFile none", "HostCertificate " + hostKey + "-cert.pub");
        String[] ca = Files.readString(SshLab.pub(hostCa)).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "@cert-authority [127.0.0.1]:" + fwCert.port() + " " + ca[0] + " " + ca[1] + "\n",
                StandardOpenOption.APPEND);
        Path certKey = lab.dir.resolve("id_cert");
        SshLab.keygen(certKey, "ed25519", "");
        SshLab.run(List.of("ssh-keygen", "-q", "-s", userCa.toString(), "-I", "ops", "-n", ME, "-V", "-5m:+1d", certKey + ".pub"));
        host("fw-cert", fwCert.port(), "IdentityFile " + certKey, "IdentitiesOnly yes");

        List<String> more = new java.util.ArrayList<>(ALIASES.subList(1, ALIASES.size()));
        more.add("fw-noisy");
        for (String alias : more) {
            toml.append('\n').append(fwInventory.replace("[firewalls.fw", "[firewalls." + alias).replace("ssh = \"fw\"", "ssh = \"" + alias + "\""));
        }
        inventory = lab.dir.resolve("ways.toml");
        Files.writeString(inventory, toml);
    }

    private void host(String alias, int port, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder("Host " + alias + "\n  HostName 127.0.0.1\n  Port " + port + "\n  User " + ME
                + "\n  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n"
                + "  BatchMode yes\n");
        for (String l : lines) sb.append("  ").append(l).append('\n');
        Files.writeString(lab.sshConfig, sb.toString(), StandardOpenOption.APPEND);
    }

    @Override
    public void close() {
        agent.close();
    }
}
