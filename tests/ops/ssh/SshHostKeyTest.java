package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import ops.base.OpsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SshHostKeyTest {
    SshLab lab;
    SshLab.Sshd server;

    @BeforeEach
    void up() throws IOException {
        lab = new SshLab();
        server = lab.start("keys");
        lab.alias("fw", server);
    }

    @AfterEach
    void down() throws IOException {
        if (lab != null) lab.close();
    }

    private boolean connects(SshSettings s) {
        try (SshConnection c = new SshConnector(s).connect("fw")) {
            return c.run("true", Duration.ofSeconds(5)).ok();
        }
    }

    /** "SHA256:..." of a public key file, as ssh-keygen prints it. */
    static String fingerprint(Path pub) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-l", "-E", "sha256", "-f", pub.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.split("\\s+")[1];
    }

    @Test
    void anUnknownHostKeyIsRefusedWithOneLineNamingHostKeyTypeFingerprintAndFix() throws Exception {
        OpsException e = assertThrows(OpsException.class, () -> connects(lab.settings()));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("fw (" + System.getProperty("user.name") + "@127.0.0.1:" + server.port() + "): unknown host key ssh-ed25519 "), m);
        assertTrue(m.contains(fingerprint(SshLab.pub(server.hostKey("ed25519")))), m);
        assertTrue(m.contains("`ssh -F " + lab.sshConfig + " -o StrictHostKeyChecking=accept-new fw true`") && m.contains("--accept-new"), m);
        assertEquals("", lab.knownHostsText(), "nothing was added");
    }

    @Test
    void acceptNewAddsTheKeyOnceAndItIsCheckedFromThenOn() throws Exception {
        assertTrue(connects(lab.settings().withAcceptNew(true)));
        String kh = lab.knownHostsText();
        assertTrue(kh.startsWith("[127.0.0.1]:" + server.port() + " ssh-ed25519 "), kh);
        assertEquals(1, kh.lines().count());
        assertTrue(lab.warnings.get(0).startsWith("Permanently added '[127.0.0.1]:" + server.port() + "' (ssh-ed25519 SHA256:"), lab.warnings.toString());
        assertTrue(connects(lab.settings()), "strict checking now passes");
        assertEquals(kh, lab.knownHostsText(), "not added twice");
    }

    @Test
    void strictHostKeyCheckingAcceptNewInSshConfigAlsoAddsIt() throws Exception {
        Files.writeString(lab.sshConfig, Files.readString(lab.sshConfig).replace("StrictHostKeyChecking yes", "StrictHostKeyChecking accept-new"));
        assertTrue(connects(lab.settings()));
        assertTrue(lab.knownHostsText().contains("ssh-ed25519"));
    }

    /** known_hosts is parsed once per text (a fleet's connections share it): an edit, even to a line of the same length, is seen at once. */
    @Test
    void aKnownHostsFileEditedBetweenConnectionsIsReadAgain() throws Exception {
        lab.trust(server, "ed25519");
        String real = lab.knownHostsText();
        assertTrue(connects(lab.settings()));
        Path impostor = lab.dir.resolve("impostor");
        SshLab.keygen(impostor, "ed25519", "");
        String[] pub = Files.readString(SshLab.pub(impostor)).split("\\s+");
        String forged = "[127.0.0.1]:" + server.port() + " " + pub[0] + " " + pub[1] + "\n";
        assertEquals(real.length(), forged.length(), "the same size: only the text tells the files apart");
        Files.writeString(lab.knownHosts, forged);
        OpsException e = assertThrows(OpsException.class, () -> connects(lab.settings()));
        assertTrue(e.getMessage().contains("host key CHANGED"), e.getMessage());
        Files.writeString(lab.knownHosts, real);
        assertTrue(connects(lab.settings()), "the real key again");
    }

    @Test
    void aChangedHostKeyIsRefusedEvenWithAcceptNew() throws Exception {
        Path impostor = lab.dir.resolve("impostor");
        SshLab.keygen(impostor, "ed25519", "");
        String[] pub = Files.readString(SshLab.pub(impostor)).split("\\s+");
        Files.writeString(lab.knownHosts, "[127.0.0.1]:" + server.port() + " " + pub[0] + " " + pub[1] + "\n");
        OpsException e = assertThrows(OpsException.class, () -> connects(lab.settings().withAcceptNew(true)));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains("host key CHANGED"), m);
        assertTrue(m.contains(fingerprint(SshLab.pub(server.hostKey("ed25519")))), m);
        assertTrue(m.contains(lab.knownHosts + ":1"), m);
        assertTrue(m.contains("ssh-keygen -R '[127.0.0.1]:" + server.port() + "'"), m);
        assertEquals(1, lab.knownHostsText().lines().count(), "known_hosts untouched");
    }

    @Test
    void aHostKnownOnlyByItsRsaKeyStillVerifiesWhenTheServerPrefersEd25519() throws Exception {
        // sshj issues #526/#635: the server offers ed25519 first; known_hosts holds only RSA
        lab.trust(server, "rsa");
        assertTrue(connects(lab.settings()));
        assertEquals(1, lab.knownHostsText().lines().count(), "no ed25519 key was added");
    }

    @Test
    void aHostKeyAliasIsLookedUpAsWrittenWithoutThePort() throws Exception {
        // as OpenSSH does: a relay or tunnel on another port still finds the key filed under the alias
        String[] pub = Files.readString(SshLab.pub(server.hostKey("ed25519"))).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "fw-real.example " + pub[0] + " " + pub[1] + "\n");
        Files.writeString(lab.sshConfig, Files.readString(lab.sshConfig).replace("Host fw\n", "Host fw\n  HostKeyAlias fw-real.example\n"));
        assertTrue(connects(lab.settings()));
        Process p = new ProcessBuilder("ssh", "-F", lab.sshConfig.toString(), "-o", "BatchMode=yes", "fw", "true").start();
        assertEquals(0, p.waitFor(), "OpenSSH agrees");
    }

    @Test
    void hashedKnownHostsEntriesMatch() throws Exception {
        lab.trust(server, "ed25519");
        SshLab.run(List.of("ssh-keygen", "-q", "-H", "-f", lab.knownHosts.toString()));
        assertTrue(lab.knownHostsText().startsWith("|1|"), lab.knownHostsText());
        assertTrue(connects(lab.settings()));
    }

    @Test
    void acceptNewWritesAHashedEntryWhenHashKnownHostsIsOn() throws Exception {
        Files.writeString(lab.sshConfig, "Host *\n  HashKnownHosts yes\n", StandardOpenOption.APPEND);
        assertTrue(connects(lab.settings().withAcceptNew(true)));
        assertTrue(lab.knownHostsText().startsWith("|1|"), lab.knownHostsText());
        assertTrue(connects(lab.settings()), "our hashed line verifies");
        // and OpenSSH's own tool finds it under the right name
        Process p = new ProcessBuilder("ssh-keygen", "-F", "[127.0.0.1]:" + server.port(), "-f", lab.knownHosts.toString()).start();
        assertEquals(0, p.waitFor());
    }

    @Test
    void aRevokedKeyIsRefused() throws Exception {
        String[] pub = Files.readString(SshLab.pub(server.hostKey("ed25519"))).split("\\s+");
        Files.writeString(lab.knownHosts, "@revoked [127.0.0.1]:" + server.port() + " " + pub[0] + " " + pub[1] + "\n");
        OpsException e = assertThrows(OpsException.class, () -> connects(lab.settings().withAcceptNew(true)));
        assertTrue(e.getMessage().contains("is marked @revoked in " + lab.knownHosts + ":1"), e.getMessage());
    }
}
