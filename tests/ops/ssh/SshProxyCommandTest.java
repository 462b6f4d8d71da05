package ops.ssh;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import ops.base.OpsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ProxyCommand run as OpenSSH runs it: real `nc`, real `ssh -W`, real sshds on loopback. */
class SshProxyCommandTest {
    SshLab lab;
    SshLab.Sshd jump;
    SshLab.Sshd target;

    @BeforeEach
    void up() throws IOException {
        lab = new SshLab();
        jump = lab.start("jump");
        target = lab.start("target", "ForceCommand echo target-$SSH_ORIGINAL_COMMAND");
        lab.trust(jump, "ed25519");
        lab.trust(target, "ed25519");
        lab.alias("bastion", jump, "BatchMode yes");
    }

    @AfterEach
    void down() throws IOException {
        if (lab != null) lab.close();
    }

    String run(String alias) {
        try (SshConnection c = new SshConnector(lab.settings()).connect(alias)) {
            return c.run("hi", Duration.ofSeconds(30)).stdout();
        }
    }

    @Test
    void netcatCarriesTheConnection() throws IOException {
        assumeTrue(SshSettings.findOnPath("nc").isPresent(), "nc not installed (tests/run installs netcat-openbsd)");
        lab.alias("via-nc", target, "ProxyCommand nc %h %p");
        assertEquals("target-hi\n", run("via-nc"));
    }

    @Test
    void sshDashWThroughAJumpHostCarriesTheConnection() throws IOException {
        lab.alias("via-w", target, "ProxyCommand ssh -F " + lab.sshConfig + " -W %h:%p bastion");
        assertEquals("target-hi\n", run("via-w"));
    }

    @Test
    void closingTheConnectionStopsTheCommand() throws IOException {
        assumeTrue(SshSettings.findOnPath("nc").isPresent(), "nc not installed (tests/run installs netcat-openbsd)");
        Path pid = lab.dir.resolve("proxy.pid");
        lab.alias("watched", target, "ProxyCommand sh -c 'echo $$ > " + pid + "; exec nc %h %p'");
        try (SshConnection c = new SshConnector(lab.settings()).connect("watched")) {
            assertEquals("target-x\n", c.run("x", Duration.ofSeconds(30)).stdout());
            assertTrue(ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map(ProcessHandle::isAlive).orElse(false));
        }
        ProcessHandle h = ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).orElse(null);
        if (h != null) {
            // only bounds a hang: the command is stopped on close, its reaping may lag on a busy machine
            assertDoesNotThrow(() -> h.onExit().get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aCommandThatExitsEarlyIsOneLineWithItsCodeAndLastError() throws IOException {
        lab.alias("broken", target, "ProxyCommand sh -c 'echo starting >&2; echo bastion.example: no route to host >&2; exit 7'");
        OpsException e = assertThrows(OpsException.class, () -> run("broken"));
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.startsWith("broken ("), m);
        assertTrue(m.contains("ProxyCommand `sh -c 'echo starting >&2; echo bastion.example: no route to host >&2; exit 7'` exited with code 7: "
                + "bastion.example: no route to host;"), m);
    }

    @Test
    void proxyJumpAndProxyCommandOnOneHostTheFirstWins() throws IOException {
        // ProxyJump first: the command (which would fail) is never run
        lab.alias("jump-first", target, "ProxyJump bastion", "ProxyCommand false");
        assertEquals("target-hi\n", run("jump-first"));
        // ProxyCommand first: the jump host named after it is never used (it does not exist)
        lab.alias("command-first", target, "ProxyCommand ssh -F " + lab.sshConfig + " -W %h:%p bastion", "ProxyJump nobody@127.0.0.1:1");
        assertEquals("target-hi\n", run("command-first"));
    }

    @Test
    void ourOwnConfigReaderFollowsTheSameRule() throws IOException {
        lab.alias("jump-first2", target, "ProxyJump bastion", "ProxyCommand false");
        lab.alias("command-first2", target, "ProxyCommand ssh -F " + lab.sshConfig + " -W %h:%p bastion", "ProxyJump nobody@127.0.0.1:1");
        SshSettings own = lab.settings().withoutSshBinary();
        HostConfigs configs = new HostConfigs(own);
        HostConfig a = configs.resolve(SshTarget.parse("jump-first2"));
        assertEquals(java.util.Optional.of("bastion"), a.proxyJump());
        assertTrue(a.proxyCommand().isEmpty());
        HostConfig b = configs.resolve(SshTarget.parse("command-first2"));
        assertTrue(b.proxyJump().isEmpty());
        assertEquals(java.util.Optional.of("ssh -F " + lab.sshConfig + " -W 127.0.0.1:" + target.port() + " bastion"), b.proxyCommand());
    }
}
