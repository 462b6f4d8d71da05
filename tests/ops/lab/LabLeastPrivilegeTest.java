package ops.lab;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import ops.ssh.SshSettings;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The tools with a plain SSH user on the firewall and the edges that has exactly the sudo rights
 * of the README's `sudoers` block (each program where the lab has it), and with one right missing.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabLeastPrivilegeTest {
    // host users, named after this lab (several labs may run at once, each creating and removing its own)
    static final String USER = Lab.prefix() + "least";
    static final String LESS = Lab.prefix() + "less"; // the same rights but pfctl's
    static Path userConfig, lessConfig;

    @BeforeAll
    static void up() throws IOException {
        LabGroundTruthTest.assumeLab();
        assumeTrue(SshSettings.findOnPath("sudo").isPresent(), "sudo not installed (tests/run installs it)");
        List<String> block = readmeSudoers();
        for (String u : List.of(USER, LESS)) {
            Lab.Result add = Lab.run(30, "sh", "-c", "id " + u + " >/dev/null 2>&1 || useradd -M -d /nonexistent -s /bin/sh " + u + "; usermod -p '*' " + u);
            assertEquals(0, add.code(), () -> "useradd " + u + ": " + add.err());
            List<String> lines = block.stream().filter(l -> !u.equals(LESS) || !l.contains("pfctl")).map(l -> l.replace("ops ALL", u + " ALL")).toList();
            Path f = sudoers(u);
            Files.write(f, lines);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r-----"));
            Lab.Result check = Lab.run(10, "visudo", "-c", "-f", f.toString());
            assertEquals(0, check.code(), "the README's sudoers block is valid: " + check.out() + check.err());
        }
        // the firewall's /etc is an overlay of this host's, made when the lab comes up: after the users and rules
        Lab.down();
        Lab.ensure("fixed");
        userConfig = configFor(USER);
        lessConfig = configFor(LESS);
    }

    @AfterAll
    static void down() throws IOException {
        Lab.down();
        for (String u : List.of(USER, LESS)) {
            Files.deleteIfExists(sudoers(u));
            Lab.run(30, "sh", "-c", "id " + u + " >/dev/null 2>&1 && userdel " + u + "; true");
        }
    }

    @Test
    void routeAuditWithTheListedRightsReadsWhatRootReads() {
        Lab.ensure("fixed");
        ScriptRun asRoot = audit(Lab.sshConfig());
        ScriptRun asUser = audit(userConfig);
        assertEquals("", asUser.err(), "no read was refused");
        assertEquals(asRoot.exit(), asUser.exit());
        assertEquals(asRoot.out(), asUser.out(), "the same report as root's");
    }

    @Test
    void aMissingRightIsNamedWithTheLineToAdd() {
        Lab.ensure("fixed");
        ScriptRun r = audit(lessConfig);
        assertTrue(r.err().contains("sudo refused `pfctl -sr` for user " + LESS), r.err());
        assertTrue(r.err().contains(LESS + " ALL=(root) NOPASSWD: /sbin/pfctl -sr"), r.err());
    }

    @Test
    void natToggleChangesAnEdgeWithTheListedRights() {
        Lab.ensure("fixed");
        Lab.touched();
        try (LiveNetwork net = new LiveNetwork("fw", LabNetwork.edges(), Optional.empty(),
                SshSettings.defaults().withConfigFile(userConfig), w -> { })) {
            LabNetwork.Output out = new LabNetwork.Output();
            NatToggle toggle = new NatToggle(net, LabNetwork.freshState(), out.writer, LabNetwork.yes());
            assertEquals(0, toggle.run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.ON, false, false, false)), out.toString());
            assertEquals("10.8.1.1", Lab.probe("edge1", "http").get("seen").asText(), "edge1 masquerades now");
            assertEquals(0, toggle.run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.UNDO, false, false, false)), out.toString());
            assertEquals(Scenario.CLIENT_IP, Lab.probe("edge1", "http").get("seen").asText(), "undone");
        }
    }

    @Test
    void sourceIpCheckCapturesWithTheListedRights() {
        Lab.ensure("fixed");
        List<String> args = new ArrayList<>(List.of("fw", "-F", userConfig.toString()));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        args.addAll(List.of("--from", "admin", "--no-echo", "--gateway", "EDGE1_VPNV4", "--json"));
        ScriptRun r = ScriptRun.of("SourceIpCheckCommand", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("\"PRESERVED\""), r.out());
    }

    private static ScriptRun audit(Path sshConfig) {
        List<String> args = new ArrayList<>(List.of("fw", "-F", sshConfig.toString(), "--json"));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        return ScriptRun.of("RouteAudit", args.toArray(String[]::new));
    }

    /** The README's block, each program where the lab has it: on this host, or the lab firewall's /usr/local/sbin. */
    static List<String> readmeSudoers() throws IOException {
        String readme = Files.readString(Lab.repo().resolve("README.md"));
        int start = readme.indexOf("```sudoers\n");
        assertTrue(start >= 0, "README.md has a ```sudoers block");
        String block = readme.substring(start + 11, readme.indexOf("```", start + 11));
        List<String> out = new ArrayList<>();
        for (String line : block.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList()) {
            String head = line.substring(0, line.indexOf("NOPASSWD: ") + 10);
            List<String> commands = new ArrayList<>();
            for (String cmd : line.substring(head.length()).split(", ")) {
                String program = cmd.split(" ")[0];
                commands.add(where(program) + cmd.substring(program.length()));
            }
            out.add(head + String.join(", ", commands));
        }
        return out;
    }

    private static String where(String program) {
        if (Files.isExecutable(Path.of(program))) return program;
        Path name = Path.of(program).getFileName();
        if (Files.isExecutable(Lab.repo().resolve("tests/lab/fw/usr-local/sbin").resolve(name))) return "/usr/local/sbin/" + name;
        for (String dir : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (Files.isExecutable(Path.of(dir).resolve(name))) return dir + "/" + name;
        }
        throw new AssertionError(program + " is neither on this host nor in the lab firewall");
    }

    private static Path sudoers(String user) {
        return Path.of("/etc/sudoers.d", user);
    }

    /** The lab's ssh_config with this user for every host. */
    private static Path configFor(String user) {
        try {
            Path f = Lab.state().resolve("ssh/config-" + user);
            Files.writeString(f, "User " + user + "\nInclude " + Lab.sshConfig() + "\n");
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
