package ops.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import ops.ssh.SshLab;
import ops.ssh.SshSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A firewall reached as a non-root user: root-only reads go through `sudo -n`, and a refusal says what is missing. */
class SudoRefusalTest {
    static final String USER = "ops-sudo-test";
    /** Like pfSense's `admin`: not named root, but uid 0. */
    static final String UID0 = "ops-uid0-test";
    static SshLab lab;
    static boolean created;

    @BeforeAll
    static void up() throws IOException {
        assumeTrue(SshLab.isRoot(), "creating a test user needs root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/useradd")), "useradd not installed");
        lab = new SshLab();
        removeUsers(); // a crashed earlier run may have left them
        created = true;
        SshLab.run(List.of("/usr/sbin/useradd", "-M", "-N", "-d", "/nonexistent", "-s", "/bin/sh", "-p", "*", USER));
        SshLab.run(List.of("/usr/sbin/useradd", "-M", "-N", "-o", "-u", "0", "-g", "0", "-d", "/nonexistent", "-s", "/bin/sh", "-p", "*", UID0));
        // the user's sshd session must read authorized_keys and run the wrapper and fakes
        try (Stream<Path> walk = Files.walk(lab.dir)) {
            for (Path p : walk.toList()) {
                if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.setPosixFilePermissions(lab.authorizedKeys, PosixFilePermissions.fromString("rw-r--r--"));
        Path serve = SnapshotHosts.install(lab, LiveAuditTest.EXAMPLE);
        SshLab.Sshd fw = lab.start("userfw", "ForceCommand " + serve + " FIREWALL");
        lab.alias("userfw", fw, "User " + USER);
        lab.alias("adminfw", fw, "User " + UID0);
        lab.trust(fw, "ed25519");
    }

    @AfterAll
    static void down() throws IOException {
        if (created) removeUsers();
        if (lab != null) lab.close();
    }

    private static void removeUsers() throws IOException {
        for (String u : List.of(USER, UID0)) {
            if (Files.readString(Path.of("/etc/passwd")).contains("\n" + u + ":")) {
                SshLab.run(List.of("/usr/sbin/userdel", "-f", u)); // -f: uid 0 is always "in use"
            }
        }
    }

    @Test
    void aUid0LoginNotNamedRootNeedsNoSudo() throws IOException {
        Path empty = lab.dir.resolve("empty0.toml");
        Files.writeString(empty, "");
        RouteAuditRun r = RouteAuditRun.of("adminfw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString());
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
