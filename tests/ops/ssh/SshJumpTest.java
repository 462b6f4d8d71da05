package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import ops.base.OpsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SshJumpTest {
    SshLab lab;
    SshLab.Sshd jump;
    SshLab.Sshd target;

    @BeforeEach
    void up() throws IOException {
        lab = new SshLab();
        jump = lab.start("jump");
        target = lab.start("target", "ForceCommand echo target-$SSH_ORIGINAL_COMMAND");
        lab.alias("bastion", jump);
        lab.alias("inside", target, "ProxyJump bastion");
    }

    @AfterEach
    void down() throws IOException {
        if (lab != null) lab.close();
    }

    @Test
    void reachesTheTargetThroughProxyJumpCheckingBothHostKeys() throws IOException {
        lab.trust(jump, "ed25519");
        lab.trust(target, "ed25519");
        try (SshConnection c = new SshConnector(lab.settings()).connect("inside")) {
            assertEquals("target-hello\n", c.run("hello", Duration.ofSeconds(60)).stdout());
        }
    }

    @Test
    void anUnknownJumpHostKeyIsRefusedAndNamesTheJumpHost() throws IOException {
        lab.trust(target, "ed25519");
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("inside"));
        assertTrue(e.getMessage().startsWith("bastion ("), e.getMessage());
        assertTrue(e.getMessage().contains("unknown host key"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(jump host for inside)"), e.getMessage());
    }

    @Test
    void theTargetKeyIsCheckedUnderTheTargetsOwnNameNotTheTunnels() throws IOException {
        lab.trust(jump, "ed25519");
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("inside"));
        assertTrue(e.getMessage().startsWith("inside ("), e.getMessage());
        assertTrue(e.getMessage().contains("unknown host key"), e.getMessage());
        try (SshConnection c = new SshConnector(lab.settings().withAcceptNew(true)).connect("inside")) {
            assertTrue(c.run("x", Duration.ofSeconds(60)).ok());
        }
        assertTrue(lab.knownHostsText().contains("[127.0.0.1]:" + target.port() + " ssh-ed25519"), lab.knownHostsText());
    }

    @Test
    void aJumpHostThatForbidsForwardingSaysSo() throws IOException {
        SshLab.Sshd closed = lab.start("noforward", "AllowTcpForwarding no");
        lab.alias("strictbastion", closed);
        Files.writeString(lab.sshConfig, "Host inside2\n  HostName 127.0.0.1\n  Port " + target.port() + "\n  ProxyJump strictbastion\n"
                + "  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts + "\n", StandardOpenOption.APPEND);
        lab.trust(closed, "ed25519");
        lab.trust(target, "ed25519");
        OpsException e = assertThrows(OpsException.class, () -> new SshConnector(lab.settings()).connect("inside2"));
        assertTrue(e.getMessage().contains("jump host could not open a connection to 127.0.0.1:" + target.port()), e.getMessage());
        assertTrue(e.getMessage().contains("AllowTcpForwarding"), e.getMessage());
    }

    @Test
    void aChainOfTwoJumpHostsWorks() throws IOException {
        SshLab.Sshd second = lab.start("jump2");
        lab.alias("bastion2", second);
        Files.writeString(lab.sshConfig, "Host deep\n  HostName 127.0.0.1\n  Port " + target.port() + "\n  ProxyJump bastion,bastion2\n"
                + "  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts + "\n", StandardOpenOption.APPEND);
        lab.trust(jump, "ed25519");
        lab.trust(second, "ed25519");
        lab.trust(target, "ed25519");
        try (SshConnection c = new SshConnector(lab.settings()).connect("deep")) {
            assertEquals("target-deep\n", c.run("deep", Duration.ofSeconds(60)).stdout());
        }
    }

    @Test
    void aSilentTargetBehindAJumpHostTimesOut() throws Exception {
        lab.trust(jump, "ed25519");
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread t = new Thread(() -> {
                try {
                    while (true) accepted.add(silent.accept());
                } catch (IOException closed) {
                    // over
                }
            });
            t.setDaemon(true);
            t.start();
            // 1 s for the silent target only: the real jump host gets all the time a busy machine needs
            Files.writeString(lab.sshConfig, "Host hidden\n  HostName 127.0.0.1\n  Port " + silent.getLocalPort()
                    + "\n  ProxyJump bastion\n  ConnectTimeout 1\n  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts
                    + "\nHost bastion\n  ConnectTimeout 60\n", StandardOpenOption.APPEND);
            // the silent target never answers: without the timeout this would hang, so 120 s only bounds a hang
            OpsException e = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> assertThrows(OpsException.class,
                    () -> new SshConnector(lab.settingsWithConfigConnectTimeouts()).connect("hidden")));
            assertTrue(e.getMessage().startsWith("hidden ("), e.getMessage());
            assertTrue(e.getMessage().contains("no SSH answer within 1 s"), e.getMessage());
            for (Socket s : accepted) s.close();
        }
    }
}
