package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ops.base.OpsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSH certificates made by the real ssh-keygen -s: user certificates a server trusts through
 * TrustedUserCAKeys (from files and from a real ssh-agent), host certificates checked against
 * `@cert-authority` lines, refused like ssh does when expired or made for another host.
 */
class SshCertificateTest {
    static final String ME = System.getProperty("user.name");
    static SshLab lab;
    static Path userCa;
    static Path hostCa;
    static SshLab.Sshd userCertServer;

    @BeforeAll
    static void up() throws IOException {
        lab = new SshLab();
        userCa = lab.dir.resolve("user_ca");
        SshLab.keygen(userCa, "ed25519", "");
        hostCa = lab.dir.resolve("host_ca");
        SshLab.keygen(hostCa, "ed25519", "");
        // only certificates log in here: no authorized_keys at all
        userCertServer = lab.start("usercert", "TrustedUserCAKeys " + SshLab.pub(userCa), "AuthorizedKeysFile none",
                "ExposeAuthInfo yes", "ForceCommand cat \"$SSH_USER_AUTH\"");
        lab.trust(userCertServer, "ed25519");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
    }

    static void sign(Path ca, Path key, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ssh-keygen", "-q", "-s", ca.toString()));
        cmd.addAll(List.of(options));
        cmd.add(SshLab.pub(key).toString());
        SshLab.run(cmd);
    }

    static Path userKey(String name, String type) throws IOException {
        Path k = lab.dir.resolve(name);
        SshLab.keygen(k, type, "");
        return k;
    }

    static void host(String alias, SshLab.Sshd s, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder("Host " + alias + "\n  HostName 127.0.0.1\n  Port " + s.port() + "\n  User " + ME
                + "\n  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n");
        for (String l : lines) sb.append("  ").append(l).append('\n');
        Files.writeString(lab.sshConfig, sb.toString(), StandardOpenOption.APPEND);
    }

    /** What the server accepted: "publickey ALGORITHM BLOB" (ExposeAuthInfo). */
    static String accepted(String alias, Map<String, String> env) {
        try (SshConnection c = new SshConnector(lab.settings().withEnv(env)).connect(alias)) {
            return c.run("x", Duration.ofSeconds(30)).stdout().trim();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void aCertificateBesideTheIdentityFileLogsIn(String type) throws IOException {
        Path k = userKey("beside-" + type, type);
        sign(userCa, k, "-I", "ops-user", "-n", ME, "-V", "-5m:+1h");
        host("beside-" + type, userCertServer, "IdentityFile " + k, "IdentitiesOnly yes");
        String auth = accepted("beside-" + type, Map.of());
        assertTrue(auth.startsWith("publickey ") && auth.split(" ")[1].contains("-cert-v01@openssh.com"), auth);
    }

    @Test
    void anRsaCertificateSignsWithSha2WhereTheServerTakesNothingElse() throws IOException {
        SshLab.Sshd strict = lab.start("rsa2cert", "TrustedUserCAKeys " + SshLab.pub(userCa), "AuthorizedKeysFile none",
                "ExposeAuthInfo yes", "ForceCommand cat \"$SSH_USER_AUTH\"",
                "PubkeyAcceptedAlgorithms rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com");
        lab.trust(strict, "ed25519");
        Path k = userKey("rsa2", "rsa");
        sign(userCa, k, "-I", "ops-user", "-n", ME, "-V", "-5m:+1h");
        host("rsa2", strict, "IdentityFile " + k, "IdentitiesOnly yes");
        // the server takes only SHA-2 signatures for RSA certificates; it names the key type it accepted
        assertTrue(accepted("rsa2", Map.of()).startsWith("publickey ssh-rsa-cert-v01@openssh.com "));
    }

    @Test
    void certificateFileNamesACertificateElsewhere() throws IOException {
        Path k = userKey("elsewhere", "ed25519");
        sign(userCa, k, "-I", "ops-user", "-n", ME, "-V", "-5m:+1h");
        Path moved = lab.dir.resolve("certs-elsewhere.pub");
        Files.move(Path.of(k + "-cert.pub"), moved);
        host("elsewhere-nocert", userCertServer, "IdentityFile " + k, "IdentitiesOnly yes");
        assertThrows(OpsException.class, () -> accepted("elsewhere-nocert", Map.of()), "the plain key alone is refused here");
        host("elsewhere", userCertServer, "IdentityFile " + k, "CertificateFile " + moved, "IdentitiesOnly yes");
        assertTrue(accepted("elsewhere", Map.of()).startsWith("publickey ssh-ed25519-cert-v01@openssh.com"));
    }

    @Test
    void aCertificateTheAgentHoldsLogsIn() throws IOException {
        Path k = userKey("agent-cert", "ed25519");
        sign(userCa, k, "-I", "ops-user", "-n", ME, "-V", "-5m:+1h");
        try (SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("agent-cert.d")), true)) {
            a.add(k); // ssh-add adds KEY-cert.pub beside the key too
            Files.delete(k);
            Files.delete(Path.of(k + "-cert.pub"));
            host("agent-cert", userCertServer, "IdentityFile none");
            assertTrue(accepted("agent-cert", a.env()).startsWith("publickey ssh-ed25519-cert-v01@openssh.com"));
        }
    }

    @Test
    void aCertificateFileWhoseKeyOnlyTheAgentHoldsLogsIn() throws IOException {
        Path k = userKey("agent-key", "ed25519");
        try (SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("agent-key.d")), true)) {
            a.add(k); // the plain key only: the certificate is made afterwards
            sign(userCa, k, "-I", "ops-user", "-n", ME, "-V", "-5m:+1h");
            Files.delete(k); // left: KEY.pub and KEY-cert.pub, as on a machine whose key lives in the agent
            host("agent-key", userCertServer, "IdentityFile " + k, "IdentitiesOnly yes");
            assertTrue(accepted("agent-key", a.env()).startsWith("publickey ssh-ed25519-cert-v01@openssh.com"));
        }
    }

    @Test
    void anExpiredUserCertificateIsNamed() throws IOException {
        Path k = userKey("expired-user", "ed25519");
        sign(userCa, k, "-I", "ops-user", "-n", ME, "-V", "20200101:20200102");
        host("expired-user", userCertServer, "IdentityFile " + k, "IdentitiesOnly yes");
        OpsException e = assertThrows(OpsException.class, () -> accepted("expired-user", Map.of()));
        assertTrue(e.getMessage().contains("the user certificate " + k + "-cert.pub expired on 2020-01-0"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** An sshd whose host keys carry certificates made by {@code ca} with these ssh-keygen options. */
    static SshLab.Sshd certifiedHost(String name, Path ca, String... options) throws IOException {
        Path keyDir = Files.createDirectories(lab.dir.resolve("sshd-" + name));
        List<String> extra = new ArrayList<>();
        for (String type : List.of("ed25519", "rsa")) {
            Path key = keyDir.resolve("ssh_host_" + type + "_key");
            SshLab.keygen(key, type, "");
            List<String> opts = new ArrayList<>(List.of("-h", "-I", name));
            opts.addAll(List.of(options));
            sign(ca, key, opts.toArray(String[]::new));
            extra.add("HostCertificate " + key + "-cert.pub");
        }
        return lab.startWithKeys(name, keyDir, extra.toArray(String[]::new));
    }

    static void trustHostCa(Path ca) throws IOException {
        String[] pub = Files.readString(SshLab.pub(ca)).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "@cert-authority * " + pub[0] + " " + pub[1] + "\n", StandardOpenOption.APPEND);
    }

    @Test
    void aHostCertificateFromAListedCaIsEnoughWithoutItsKeyInKnownHosts() throws IOException {
        trustHostCa(hostCa);
        SshLab.Sshd s = certifiedHost("certhost", hostCa, "-n", "127.0.0.1", "-V", "-5m:+1h");
        lab.alias("certhost", s);
        try (SshConnection c = new SshConnector(lab.settings()).connect("certhost")) {
            assertTrue(c.run("true", Duration.ofSeconds(30)).ok());
        }
        assertFalse(lab.knownHostsText().contains(":" + s.port() + " "), "nothing was added for the host itself");
    }

    @Test
    void anRsaHostCertificateVerifiesWithSha2() throws IOException {
        trustHostCa(hostCa);
        Path keyDir = Files.createDirectories(lab.dir.resolve("sshd-rsacert"));
        SshLab.keygen(keyDir.resolve("ssh_host_ed25519_key"), "ed25519", "");
        Path rsa = keyDir.resolve("ssh_host_rsa_key");
        SshLab.keygen(rsa, "rsa", "");
        sign(hostCa, rsa, "-h", "-I", "rsacert", "-n", "127.0.0.1", "-V", "-5m:+1h");
        SshLab.Sshd s = lab.startWithKeys("rsacert", keyDir, "HostCertificate " + rsa + "-cert.pub",
                "HostKeyAlgorithms rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com");
        lab.alias("rsacert", s);
        try (SshConnection c = new SshConnector(lab.settings()).connect("rsacert")) {
            assertTrue(c.run("true", Duration.ofSeconds(30)).ok());
        }
    }

    @Test
    void anExpiredHostCertificateIsRefusedLikeSshRefusesIt() throws IOException {
        trustHostCa(hostCa);
        SshLab.Sshd s = certifiedHost("oldcert", hostCa, "-n", "127.0.0.1", "-V", "20200101:20200102");
        lab.alias("oldcert", s);
        lab.trust(s, "ed25519"); // even a known plain key does not save an invalid certificate: ssh fails closed
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("oldcert"));
        assertInstanceOf(HostKeyRefused.class, e, e.getMessage());
        assertTrue(e.getMessage().startsWith("oldcert ("), e.getMessage());
        assertTrue(e.getMessage().contains("host certificate for ssh-ed25519 key SHA256:"), e.getMessage());
        assertTrue(e.getMessage().contains("but it expired on 2020-01-0"), e.getMessage());
    }

    @Test
    void aHostCertificateForAnotherHostIsRefused() throws IOException {
        trustHostCa(hostCa);
        SshLab.Sshd s = certifiedHost("othercert", hostCa, "-n", "fw9.example.net", "-V", "-5m:+1h");
        lab.alias("othercert", s);
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("othercert"));
        assertInstanceOf(HostKeyRefused.class, e, e.getMessage());
        assertTrue(e.getMessage().contains("but it names fw9.example.net, not 127.0.0.1"), e.getMessage());
    }

    @Test
    void aCertificateFromAnUnlistedCaIsJudgedAsItsPlainKey() throws IOException {
        Path strangerCa = lab.dir.resolve("stranger_ca");
        SshLab.keygen(strangerCa, "ed25519", "");
        trustHostCa(hostCa);
        SshLab.Sshd s = certifiedHost("strangecert", strangerCa, "-n", "127.0.0.1", "-V", "-5m:+1h");
        lab.alias("strangecert", s);
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("strangecert"));
        assertInstanceOf(HostKeyRefused.class, e, e.getMessage());
        assertTrue(e.getMessage().contains("unknown host key ssh-ed25519 SHA256:"), e.getMessage());
        lab.trust(s, "ed25519");
        try (SshConnection c = new SshConnector(lab.settings()).connect("strangecert")) {
            assertTrue(c.run("true", Duration.ofSeconds(30)).ok());
        }
    }
}
