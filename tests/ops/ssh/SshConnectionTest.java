package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import ops.cli.OpsException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SshConnectionTest {
    static SshLab lab;
    static SshLab.Sshd server;

    @BeforeAll
    static void up() throws IOException {
        lab = new SshLab();
        server = lab.start("plain");
        lab.alias("plain", server);
        lab.trust(server, "ed25519");
        lab.trust(server, "rsa");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
    }

    @Test
    void logsInWithTheConfiguredKeyAndRunsACommand() {
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            CommandResult r = c.run("echo hello; echo oops >&2; exit 3", Duration.ofSeconds(10));
            assertEquals("hello\n", r.stdout());
            assertEquals("oops\n", r.stderr());
            assertEquals(3, r.exitStatus().orElseThrow());
            assertFalse(r.ok());
            assertEquals("exit 3: oops", r.failure());
        }
    }

    @Test
    void anAliasSetOnlyByAMatchBlockConnectsBecauseSshGResolvesIt() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(lab.settings().sshBinary().isPresent(), "OpenSSH client not installed");
        Files.writeString(lab.sshConfig, "Match originalhost via-match\n  HostName 127.0.0.1\n  Port " + server.port()
                + "\n  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts + "\n"
                + Files.readString(lab.sshConfig));
        try (SshConnection c = new SshConnector(lab.settings()).connect("via-match")) {
            assertEquals(server.port(), c.host().port());
            assertTrue(c.run("true", Duration.ofSeconds(5)).ok());
        }
    }

    @Test
    void withoutOpenSshsClientTheConfigFileIsReadDirectly() {
        try (SshConnection c = new SshConnector(lab.settings().withoutSshBinary()).connect("plain")) {
            assertEquals("127.0.0.1", c.host().hostName());
            assertTrue(c.run("true", Duration.ofSeconds(5)).ok());
        }
    }

    @Test
    void runsSeveralCommandsAtOnceOnOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            long start = System.nanoTime();
            List<Future<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                results.add(pool.submit(() -> c.run("sleep 0.5; echo out" + n + "; echo err" + n + " >&2; exit " + n, Duration.ofSeconds(10))));
            }
            for (int i = 0; i < 6; i++) {
                CommandResult r = results.get(i).get();
                assertEquals("out" + i + "\n", r.stdout());
                assertEquals("err" + i + "\n", r.stderr());
                assertEquals(i, r.exitStatus().orElseThrow());
            }
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(ms < 2500, "six 0.5 s commands took " + ms + " ms: they did not run concurrently");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inputCanBeFedToACommand() {
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            assertEquals("2\n", c.run("wc -l", "a\nb\n", Duration.ofSeconds(5)).stdout().strip() + "\n");
            assertEquals("", c.run("cat", Duration.ofSeconds(5)).stdout(), "no input means end of input, not a hang");
        }
    }

    @Test
    void aRemoteCommandThatFailsIsAResultNotAnException() {
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            CommandResult r = c.run("no-such-command-here", Duration.ofSeconds(10));
            assertEquals(127, r.exitStatus().orElseThrow());
            assertTrue(r.failure().startsWith("exit 127: "), r.failure());
            assertTrue(r.failure().contains("not found"), r.failure());
        }
    }

    @Test
    void aCommandThatHangsIsStoppedAtTheCommandTimeout() {
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            long start = System.nanoTime();
            OpsException e = assertThrows(OpsException.class, () -> c.run("sleep 30", Duration.ofSeconds(1)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
            assertTrue(e.getMessage().contains("`sleep 30` gave no result within 1 s"), e.getMessage());
            assertTrue(e.getMessage().contains("--command-timeout"), e.getMessage());
            assertEquals("still\n", c.run("echo still", Duration.ofSeconds(5)).stdout(), "the connection survives");
        }
    }

    @Test
    void aWrongKeyIsRefusedWithOneLineNamingHostUserAndKey() throws IOException {
        var other = lab.dir.resolve("other_ed25519");
        SshLab.keygen(other, "ed25519", "");
        Files.writeString(lab.sshConfig, "Host wrongkey\n  HostName 127.0.0.1\n  Port " + server.port()
                + "\n  IdentityFile " + other + "\n  UserKnownHostsFile " + lab.knownHosts + "\n", java.nio.file.StandardOpenOption.APPEND);
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("wrongkey"));
        String m = e.getMessage();
        assertFalse(m.contains("\n"));
        assertTrue(m.startsWith("wrongkey (" + System.getProperty("user.name") + "@127.0.0.1:" + server.port() + ")"), m);
        assertTrue(m.contains("refused key authentication"), m);
        assertTrue(m.contains(other.toString()), m);
        assertTrue(m.contains("authorized_keys"), m);
    }

    @Test
    void noKeyAtAllSaysWhereItLooked() throws IOException {
        Files.writeString(lab.sshConfig, "Host nokey\n  HostName 127.0.0.1\n  Port " + server.port()
                + "\n  UserKnownHostsFile " + lab.knownHosts + "\n", java.nio.file.StandardOpenOption.APPEND);
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("nokey"));
        assertTrue(e.getMessage().contains("no usable key"), e.getMessage());
        assertTrue(e.getMessage().contains(lab.home.resolve(".ssh/id_ed25519").toString()), e.getMessage());
    }

    @Test
    void anEncryptedKeyOpensWithThePassphraseFromTheEnvironment() throws IOException {
        var locked = lab.dir.resolve("locked_ed25519");
        SshLab.keygen(locked, "ed25519", "s3cret pass");
        Files.writeString(lab.authorizedKeys, Files.readString(SshLab.pub(locked)), java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(lab.sshConfig, "Host locked\n  HostName 127.0.0.1\n  Port " + server.port()
                + "\n  IdentityFile " + locked + "\n  UserKnownHostsFile " + lab.knownHosts + "\n", java.nio.file.StandardOpenOption.APPEND);
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("locked"));
        assertTrue(e.getMessage().contains("encrypted; set $OPS_SSH_PASSPHRASE"), e.getMessage());
        SshSettings withPass = lab.settings().withEnv(Map.of(SshSettings.PASSPHRASE_ENV, "s3cret pass"));
        try (SshConnection c = new SshConnector(withPass).connect("locked")) {
            assertTrue(c.run("true", Duration.ofSeconds(5)).ok());
        }
        SshSettings wrong = lab.settings().withEnv(Map.of(SshSettings.PASSPHRASE_ENV, "nope"));
        OpsException w = assertThrows(OpsException.class, () -> new SshConnector(wrong).connect("locked"));
        assertTrue(w.getMessage().contains("wrong passphrase"), w.getMessage());
        assertFalse(w.getMessage().contains("nope"), "never echo a secret");
    }

    @Test
    void aSilentPortTimesOutAtTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) accepted.add(silent.accept()); // accept and never speak
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Files.writeString(lab.sshConfig, "Host silent\n  HostName 127.0.0.1\n  Port " + silent.getLocalPort()
                    + "\n  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            long start = System.nanoTime();
            OpsException e = assertThrows(OpsException.class,
                    () -> new SshConnector(lab.settings().withConnectTimeout(Duration.ofSeconds(1))).connect("silent"));
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(ms >= 900 && ms < 4000, "took " + ms + " ms");
            assertTrue(e.getMessage().startsWith("silent ("), e.getMessage());
            assertTrue(e.getMessage().contains("no SSH answer within 1 s"), e.getMessage());
            assertTrue(e.getMessage().contains("--connect-timeout"), e.getMessage());
            for (Socket s : accepted) s.close();
        }
    }

    @Test
    void aClosedPortIsRefusedWithOneLine() throws IOException {
        int port = SshLab.freePort();
        Files.writeString(lab.sshConfig, "Host closed\n  HostName 127.0.0.1\n  Port " + port
                + "\n  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("closed"));
        assertTrue(e.getMessage().contains("connection refused on port " + port), e.getMessage());
    }
}
