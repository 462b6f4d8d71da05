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
import ops.base.OpsException;
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
            assertTrue(c.run("true", Duration.ofSeconds(60)).ok());
        }
    }

    @Test
    void withoutOpenSshsClientTheConfigFileIsReadDirectly() {
        try (SshConnection c = new SshConnector(lab.settings().withoutSshBinary()).connect("plain")) {
            assertEquals("127.0.0.1", c.host().hostName());
            assertTrue(c.run("true", Duration.ofSeconds(60)).ok());
        }
    }

    @Test
    void runsSeveralCommandsAtOnceOnOneConnection() throws Exception {
        // Each command marks itself started, then waits (on the server) until all six have started
        // or 30 s pass, and reports its own start and end time: run one after another, the first
        // gives up alone, and no command's interval overlaps the others'. No clock on this side.
        int n = 6;
        java.nio.file.Path started = Files.createTempDirectory(lab.dir, "overlap");
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            List<Future<CommandResult>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                String command = "echo start $(date +%s%N); touch " + started + "/" + k + "; i=0; "
                        + "while [ $(ls " + started + " | wc -l) -lt " + n + " ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done; "
                        + "echo seen $(ls " + started + " | wc -l); echo end $(date +%s%N); echo out" + k + "; echo err" + k + " >&2; exit " + k;
                results.add(pool.submit(() -> c.run(command, Duration.ofSeconds(120))));
            }
            long lastStart = Long.MIN_VALUE, firstEnd = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                CommandResult r = results.get(i).get();
                List<String> lines = r.stdout().lines().toList();
                assertEquals(4, lines.size(), r.stdout());
                assertEquals("seen " + n, lines.get(1), "command " + i + " ran alone: the commands did not run at once");
                assertEquals("out" + i, lines.get(3));
                assertEquals("err" + i + "\n", r.stderr());
                assertEquals(i, r.exitStatus().orElseThrow());
                lastStart = Math.max(lastStart, Long.parseLong(lines.get(0).substring("start ".length())));
                firstEnd = Math.min(firstEnd, Long.parseLong(lines.get(2).substring("end ".length())));
            }
            assertTrue(lastStart < firstEnd, "every command started before any ended (server clock): last start " + lastStart
                    + " ns, first end " + firstEnd + " ns");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void inputCanBeFedToACommand() {
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            assertEquals("2\n", c.run("wc -l", "a\nb\n", Duration.ofSeconds(60)).stdout().strip() + "\n");
            assertEquals("", c.run("cat", Duration.ofSeconds(60)).stdout(), "no input means end of input, not a hang");
        }
    }

    @Test
    void aRemoteCommandThatFailsIsAResultNotAnException() {
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            CommandResult r = c.run("no-such-command-here", Duration.ofSeconds(60));
            assertEquals(127, r.exitStatus().orElseThrow());
            assertTrue(r.failure().startsWith("exit 127: "), r.failure());
            assertTrue(r.failure().contains("not found"), r.failure());
        }
    }

    @Test
    void aCommandThatHangsIsStoppedAtTheCommandTimeout() throws IOException {
        // the command ends only once the test opens its gate (or after 60 s, so nothing is left behind):
        // the error must come while it still runs, however slow this machine is
        java.nio.file.Path gate = lab.dir.resolve("hang-gate"), finished = lab.dir.resolve("hang-finished");
        String hangs = "i=0; while [ ! -e " + gate + " ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; touch " + finished;
        try (SshConnection c = new SshConnector(lab.settings()).connect("plain")) {
            OpsException e = assertThrows(OpsException.class, () -> c.run(hangs, Duration.ofSeconds(1)));
            assertFalse(Files.exists(finished), "the timeout error came only after the command had ended");
            Files.createFile(gate);
            assertTrue(e.getMessage().contains("`" + hangs + "` gave no result within 1 s"), e.getMessage());
            assertTrue(e.getMessage().contains("--command-timeout"), e.getMessage());
            assertEquals("still\n", c.run("echo still", Duration.ofSeconds(60)).stdout(), "the connection survives");
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
            assertTrue(c.run("true", Duration.ofSeconds(60)).ok());
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
            // the port never answers: without the timeout this would hang, so 120 s only bounds a hang
            OpsException e = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThrows(OpsException.class,
                    () -> new SshConnector(lab.settings().withConnectTimeout(Duration.ofSeconds(1))).connect("silent")));
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(ms >= 900, "gave up after " + ms + " ms, before the 1 s connect timeout"); // a busy machine only makes it later
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
