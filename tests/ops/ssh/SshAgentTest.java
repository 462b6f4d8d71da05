package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import ops.base.OpsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logging in with keys a real ssh-agent holds (added by the real ssh-add), in OpenSSH's order
 * against IdentityFile and IdentitiesOnly. The server says which key it accepted
 * (ExposeAuthInfo), so the order is seen, not guessed.
 */
class SshAgentTest {
    static SshLab lab;
    static SshLab.Sshd server;
    static SshLab.Sshd rsa256;
    static SshAgent agent;
    static SshAgent denying;

    @BeforeAll
    static void up() throws IOException {
        lab = new SshLab();
        server = lab.start("agent", "ExposeAuthInfo yes", "ForceCommand cat \"$SSH_USER_AUTH\"",
                "PubkeyAcceptedAlgorithms ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256");
        rsa256 = lab.start("rsa256", "ExposeAuthInfo yes", "ForceCommand cat \"$SSH_USER_AUTH\"", "PubkeyAcceptedAlgorithms rsa-sha2-256");
        lab.trust(server, "ed25519");
        lab.trust(rsa256, "ed25519");
        agent = SshAgent.start(lab.dir, true);
        denying = SshAgent.start(lab.dir, false);
    }

    @AfterAll
    static void close() throws IOException {
        if (agent != null) agent.close();
        if (denying != null) denying.close();
        if (lab != null) lab.close();
    }

    /** A key authorized on the servers; {@code inAgent}: added to the agent, then its private file deleted. */
    static Path key(String name, String type, boolean authorized) throws IOException {
        Path k = lab.dir.resolve(name);
        SshLab.keygen(k, type, "");
        if (authorized) Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(k)), StandardOpenOption.APPEND);
        return k;
    }

    static void host(String alias, SshLab.Sshd s, String... lines) throws IOException {
        StringBuilder sb = new StringBuilder("Host " + alias + "\n  HostName 127.0.0.1\n  Port " + s.port() + "\n  User "
                + System.getProperty("user.name") + "\n  UserKnownHostsFile " + lab.knownHosts + "\n  GlobalKnownHostsFile /dev/null\n");
        for (String l : lines) sb.append("  ").append(l).append('\n');
        Files.writeString(lab.sshConfig, sb.toString(), StandardOpenOption.APPEND);
    }

    /** The key blob (base64) the server accepted, as ExposeAuthInfo tells it. */
    static String acceptedKey(String alias, Map<String, String> env) {
        try (SshConnection c = new SshConnector(lab.settings().withEnv(env)).connect(alias)) {
            String out = c.run("x", Duration.ofSeconds(30)).stdout().trim();
            assertTrue(out.startsWith("publickey "), out);
            return out.split("\\s+")[2];
        }
    }

    static String blob(Path key) throws IOException {
        return Files.readString(SshLab.pub(key)).trim().split("\\s+")[1];
    }

    @ParameterizedTest
    @ValueSource(strings = {"ed25519", "ecdsa", "rsa"})
    void aKeyOnlyInTheAgentLogsIn(String type) throws IOException {
        Path k = key("only-agent-" + type, type, true);
        try (SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("only-" + type)), true)) {
            a.add(k);
            String pub = blob(k);
            Files.delete(k);
            Files.delete(SshLab.pub(k));
            host("only-" + type, server, "IdentityFile none");
            assertEquals(pub, acceptedKey("only-" + type, a.env()));
        }
    }

    @Test
    void anRsaKeyInTheAgentSignsWithSha256WhenTheServerOnlyTakesThat() throws IOException {
        Path k = key("rsa-256", "rsa", true);
        SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("a256")), true);
        try (a) {
            a.add(k);
            Files.delete(k);
            host("rsa256", rsa256, "IdentityFile none");
            assertEquals(blob(k), acceptedKey("rsa256", a.env()));
        }
    }

    @Test
    void agentKeysComeBeforeIdentityFilesUnlessIdentitiesOnly() throws IOException {
        Path file = key("plain-file", "ed25519", true);
        Path inAgent = key("agent-first", "ed25519", true);
        SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("order")), true);
        try (a) {
            a.add(inAgent);
            host("order", server, "IdentityFile " + file);
            assertEquals(blob(inAgent), acceptedKey("order", a.env()), "the agent's key first, as OpenSSH tries it");
            assertEquals(blob(file), acceptedKey("order", Map.of()), "without the agent, the file");
            // IdentitiesOnly: the agent's key that no IdentityFile names is not offered
            host("order-only", server, "IdentityFile " + file, "IdentitiesOnly yes");
            assertEquals(blob(file), acceptedKey("order-only", a.env()));
        }
    }

    @Test
    void anEncryptedKeyFileTheAgentHoldsNeedsNoPassphrase() throws IOException {
        Path encrypted = lab.dir.resolve("encrypted2");
        SshLab.keygen(encrypted, "ed25519", "secret words");
        Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(encrypted)), StandardOpenOption.APPEND);
        // the agent gets the same key from a decrypted copy (ssh-add would ask for the passphrase on a terminal)
        Path copy = lab.dir.resolve("encrypted2-copy");
        Files.copy(encrypted, copy);
        SshLab.run(java.util.List.of("ssh-keygen", "-q", "-p", "-P", "secret words", "-N", "", "-f", copy.toString()));
        SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("enc")), true);
        try (a) {
            a.add(copy);
            host("enc", server, "IdentityFile " + encrypted, "IdentitiesOnly yes");
            assertEquals(blob(encrypted), acceptedKey("enc", a.env()));
            OpsException e = assertThrows(OpsException.class, () -> acceptedKey("enc", Map.of()));
            assertTrue(e.getMessage().contains("encrypted; set $OPS_SSH_PASSPHRASE"), e.getMessage());
        }
    }

    @Test
    void identityAgentNamesTheSocketOrTurnsTheAgentOff() throws IOException {
        Path k = key("by-identity-agent", "ed25519", true);
        SshAgent a = SshAgent.start(Files.createDirectories(lab.dir.resolve("ia")), true);
        try (a) {
            a.add(k);
            Files.delete(k);
            host("ia-path", server, "IdentityFile none", "IdentityAgent " + a.socket);
            assertEquals(blob(k), acceptedKey("ia-path", Map.of()));
            host("ia-var", server, "IdentityFile none", "IdentityAgent $MY_AGENT");
            assertEquals(blob(k), acceptedKey("ia-var", Map.of("MY_AGENT", a.socket.toString())));
            host("ia-none", server, "IdentityFile none", "IdentityAgent none");
            OpsException e = assertThrows(OpsException.class, () -> acceptedKey("ia-none", a.env()));
            assertTrue(e.getMessage().contains("no usable key"), e.getMessage());
        }
    }

    @Test
    void aConfirmationTheAgentDeniesIsOneLineNamingTheKeyAndTheAgent() throws IOException {
        Path k = key("confirm-me", "ed25519", true);
        denying.add(k, "-c");
        agent.add(k, "-c"); // the allowing agent holds only this key: the login below can only be its
        Files.delete(k);
        host("confirm", server, "IdentityFile none");
        OpsException e = assertThrows(OpsException.class, () -> acceptedKey("confirm", denying.env()));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("confirm ("), m);
        assertTrue(m.contains("the agent at " + denying.socket + " refused to sign with ssh-ed25519 key SHA256:"), m);
        assertTrue(m.contains(" (ops-test): "), m); // the comment ssh-add stored
        assertTrue(m.contains("ssh-add -c"), m);
        // the same key where the confirmation is given logs in
        assertEquals(blob(k), acceptedKey("confirm", agent.env()));
    }

    @Test
    void aMissingAgentSocketIsNamedWhenNoKeyIsLeft() throws IOException {
        host("noagent", server, "IdentityFile none");
        OpsException e = assertThrows(OpsException.class,
                () -> acceptedKey("noagent", Map.of("SSH_AUTH_SOCK", lab.dir.resolve("gone.sock").toString())));
        assertTrue(e.getMessage().contains(": no key to log in with: no agent listens at " + lab.dir.resolve("gone.sock")), e.getMessage());
    }
}
