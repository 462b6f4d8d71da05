package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every kind of user key a real ~/.ssh holds logs in: the JDK's providers do the crypto (no
 * BouncyCastle registration), OpenSSH's own key format and the older PEM one.
 */
class SshKeyTypesTest {
    static SshLab lab;
    static SshLab.Sshd server;

    @BeforeAll
    static void up() throws IOException {
        lab = new SshLab();
        server = lab.start("keys");
        lab.trust(server, "ed25519");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
    }

    @ParameterizedTest
    @CsvSource({"ed25519,", "ecdsa,", "rsa,", "rsa,-m PEM", "ecdsa,-m PEM", "ed25519,encrypted"})
    void logsInWithThisKind(String type, String variant) throws IOException, InterruptedException {
        String name = type + (variant == null ? "" : variant.replace(" ", "").replace("-", ""));
        Path key = lab.dir.resolve("user_" + name);
        boolean encrypted = "encrypted".equals(variant);
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("ssh-keygen", "-q", "-t", type, "-N", encrypted ? "s3cret-pass" : "",
                "-C", "ops-test", "-f", key.toString()));
        if (variant != null && variant.startsWith("-m")) cmd.addAll(java.util.List.of("-m", "PEM"));
        assertEquals(0, new ProcessBuilder(cmd).inheritIO().start().waitFor());
        Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(key)), StandardOpenOption.APPEND);
        // this key only: a fallback to the lab's own key would hide a failure
        Files.writeString(lab.sshConfig, "Host k-" + name + "\n  HostName 127.0.0.1\n  Port " + server.port() + "\n  User "
                + System.getProperty("user.name") + "\n  IdentityFile " + key + "\n  IdentitiesOnly yes\n  UserKnownHostsFile "
                + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n", StandardOpenOption.APPEND);
        SshSettings s = lab.settings().withEnv(encrypted ? java.util.Map.of("OPS_SSH_PASSPHRASE", "s3cret-pass") : java.util.Map.of());
        try (SshConnection c = new SshConnector(s).connect("k-" + name)) {
            assertTrue(c.run("true", Duration.ofSeconds(60)).ok());
        }
    }

    @org.junit.jupiter.api.Test
    void verifiesAnEcdsaHostKey() throws IOException {
        Path keyDir = Files.createDirectories(lab.dir.resolve("sshd-ecdsa"));
        SshLab.keygen(keyDir.resolve("ssh_host_ed25519_key"), "ed25519", "");
        SshLab.keygen(keyDir.resolve("ssh_host_rsa_key"), "rsa", "");
        SshLab.keygen(keyDir.resolve("ssh_host_ecdsa_key"), "ecdsa", "");
        SshLab.Sshd ecdsa = lab.startWithKeys("ecdsa", keyDir, "HostKey " + keyDir.resolve("ssh_host_ecdsa_key"));
        String[] pub = Files.readString(SshLab.pub(keyDir.resolve("ssh_host_ecdsa_key"))).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "[127.0.0.1]:" + ecdsa.port() + " " + pub[0] + " " + pub[1] + "\n", StandardOpenOption.APPEND);
        lab.alias("ecdsa-host", ecdsa);
        try (SshConnection c = new SshConnector(lab.settings()).connect("ecdsa-host")) {
            assertTrue(c.run("true", Duration.ofSeconds(60)).ok());
        }
    }
}
