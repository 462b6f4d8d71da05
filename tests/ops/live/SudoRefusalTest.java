package ops.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ops.ssh.SshLab;
import ops.ssh.SshSettings;
import ops.support.TestUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A firewall reached as a non-root user: root-only reads go through `sudo -n`, and a refusal says what is missing. */
class SudoRefusalTest {
    static final String USER = TestUsers.PLAIN;
    static final String UID0 = TestUsers.UID0;
    static SshLab lab;
    static final List<AutoCloseable> users = new ArrayList<>();

    @BeforeAll
    static void up() throws IOException {
        assumeTrue(TestUsers.canCreate(), "creating a test user needs root and useradd");
        lab = new SshLab();
        users.add(TestUsers.create(USER, lab));
        users.add(TestUsers.create(UID0, lab));
        Path serve = SnapshotHosts.install(lab, LiveAuditTest.EXAMPLE);
        SshLab.Sshd fw = lab.start("userfw", "ForceCommand " + serve + " FIREWALL");
        lab.alias("userfw", fw, "User " + USER);
        lab.alias("adminfw", fw, "User " + UID0);
        lab.trust(fw, "ed25519");
    }

    @AfterAll
    static void down() throws Exception {
        for (AutoCloseable u : users) u.close();
        if (lab != null) lab.close();
    }

    @Test
    void aUid0LoginNotNamedRootNeedsNoSudo() throws IOException {
        Path empty = lab.dir.resolve("empty0.toml");
        Files.writeString(empty, "");
        RouteAuditRun r = RouteAuditRun.of("adminfw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString(),
                "--no-discover"); // the firewall alone: its config.xml names edges at 203.0.113.x
        assertTrue(r.exit() < 3, r.err()); // an audit ran (its verdict without edges does not matter here)
        assertTrue(r.out().startsWith("route-audit adminfw: "), r.out());
        assertEquals("", r.err(), "pfctl, pfSsh.php and config.xml were all read without sudo");
    }

    @Test
    void aNonRootLoginUsesSudoAndARefusalNamesTheCommandAndTheMissingRight() throws IOException {
        Path empty = lab.dir.resolve("empty.toml");
        Files.writeString(empty, "");
        RouteAuditRun r = RouteAuditRun.of("userfw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString());
        assertEquals(3, r.exit(), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(1, lines.size(), r.err());
        String m = lines.get(0);
        assertTrue(m.startsWith("route-audit: userfw (" + USER + "@127.0.0.1:"), m);
        if (SshSettings.findOnPath("sudo").isPresent()) {
            assertTrue(m.contains("sudo refused `cat /conf/config.xml` for user " + USER + " (sudo: a password is required)"), m);
            assertTrue(m.contains("`" + USER + " ALL=(root) NOPASSWD: /bin/cat /conf/config.xml`"), m);
        } else {
            assertTrue(m.contains("sudo is not installed, and user " + USER + " needs it for `cat /conf/config.xml`"), m);
        }
        assertTrue(m.endsWith("the config.xml is required for an audit"), m);
    }
}
