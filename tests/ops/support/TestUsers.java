package ops.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ops.ssh.SshLab;

/** Throwaway local users for logins that are not root (needs root and useradd; removed on close). */
public final class TestUsers {
    private TestUsers() {}

    /** A plain user with no sudo rights unless a test grants some. */
    public static final String PLAIN = "ops-sudo-" + lab();
    /** Like pfSense's `admin`: not named root, but uid 0. */
    public static final String UID0 = "ops-uid0-" + lab();

    /**
     * Users are machine-wide, so each test JVM's are named after its lab slot ($LAB_PREFIX, which
     * tests/run gives every JVM it runs at once, and two runs side by side give different bases):
     * two JVMs never create or delete each other's users.
     */
    private static String lab() {
        String prefix = System.getenv("LAB_PREFIX");
        return prefix == null || !prefix.matches("[a-z][a-z0-9]{0,15}") ? "test" : prefix;
    }

    public static boolean canCreate() {
        return SshLab.isRoot() && Files.isExecutable(Path.of("/usr/sbin/useradd"));
    }

    /**
     * Creates {@code name} (uid 0 for {@link #UID0}) and opens {@code lab}'s folders to it, so its
     * sshd session can read authorized_keys and run the lab's wrappers. A leftover from a crashed
     * run is removed first.
     */
    public static AutoCloseable create(String name, SshLab lab) throws IOException {
        remove(name);
        List<String> cmd = new ArrayList<>(List.of("/usr/sbin/useradd", "-M", "-N"));
        if (name.equals(UID0)) cmd.addAll(List.of("-o", "-u", "0", "-g", "0"));
        cmd.addAll(List.of("-d", "/nonexistent", "-s", "/bin/sh", "-p", "*", name));
        SshLab.run(cmd);
        try (Stream<Path> walk = Files.walk(lab.dir)) {
            for (Path p : walk.toList()) {
                if (Files.isDirectory(p)) Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
        Files.setPosixFilePermissions(lab.authorizedKeys, PosixFilePermissions.fromString("rw-r--r--"));
        return () -> remove(name);
    }

    private static void remove(String name) throws IOException {
        if (Files.readString(Path.of("/etc/passwd")).contains("\n" + name + ":")) {
            SshLab.run(List.of("/usr/sbin/userdel", "-f", name)); // -f: uid 0 is always "in use"
        }
    }
}
