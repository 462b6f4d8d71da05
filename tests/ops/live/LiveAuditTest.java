package ops.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ops.ssh.SshLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** route-audit against real sshds whose commands print examples/double-nat. */
class LiveAuditTest {
    static final Path EXAMPLE = Path.of("examples/double-nat").toAbsolutePath();
    static SshLab lab;
    static Path inventory;

    @BeforeAll
    static void up() throws IOException {
        assumeTrue(Files.isDirectory(EXAMPLE), "run from the repository root (examples/double-nat)");
        lab = new SshLab();
        Path serve = SnapshotHosts.install(lab, EXAMPLE);
        inventory = SnapshotHosts.startAll(lab, serve).inventory();
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
    }

    static String[] live(String... extra) {
        List<String> args = new ArrayList<>(List.of("fw", "-F", lab.sshConfig.toString(), "--inventory", inventory.toString()));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aLiveAuditGivesTheSameReportAsTheSnapshotItServes() {
        RouteAuditRun offline = RouteAuditRun.of("--snapshot", EXAMPLE.toString());
        RouteAuditRun online = RouteAuditRun.of(live());
        assertEquals(offline.exit(), online.exit(), online.err());
        assertEquals(2, online.exit(), "double-nat is CRITICAL");
        assertEquals(offline.reportWithout(EXAMPLE.toString()), online.reportWithout("fw"));
        assertTrue(online.out().startsWith("route-audit fw: CRITICAL"), online.out());
    }

    @Test
    void edgesOnTheCommandLineWorkWithoutAnInventoryAndJsonMatchesToo() throws IOException {
        Path none = lab.dir.resolve("empty.toml");
        Files.writeString(none, "");
        RouteAuditRun offline = RouteAuditRun.of("--snapshot", EXAMPLE.toString(), "--json");
        RouteAuditRun online = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", none.toString(),
                "--edge", "EDGE1_VPNV4=edge1", "--edge", "EDGE2_VPNV4=edge2", "--edge", "EDGE3_VPNV4=edge3", "--json");
        assertEquals(offline.exit(), online.exit(), online.err());
        assertEquals(offline.reportWithout(EXAMPLE.toString()), online.reportWithout("fw"));
    }

    @Test
    void saveSnapshotWritesExactlyWhatWasReadAndAuditsTheSameLater() throws IOException {
        Path saved = lab.dir.resolve("saved");
        RouteAuditRun online = RouteAuditRun.of(live("--save-snapshot", saved.toString()));
        RouteAuditRun later = RouteAuditRun.of("--snapshot", saved.toString());
        assertEquals(online.exit(), later.exit());
        assertEquals(online.reportWithout("fw"), later.reportWithout(saved.toString()));
        // the example has no edges/*.routes.json, and `ip -j route` said so: nothing more, nothing less
        assertEquals(files(EXAMPLE), files(saved));
        for (String f : files(EXAMPLE)) {
            assertEquals(Files.readString(EXAMPLE.resolve(f)), Files.readString(saved.resolve(f)), f);
        }
    }

    @Test
    void anOptionalReadThatFailsIsAOneLineWarningAndTheAuditGoesOn() {
        RouteAuditRun online = RouteAuditRun.of(live());
        String warning = online.err().lines().filter(l -> l.contains("`ip -j route` failed")).findFirst().orElse("");
        assertTrue(warning.startsWith("route-audit: warning: edge1 ("), online.err());
        assertTrue(warning.contains("(exit 1: ip: no routes in this snapshot); going on without the routes"), warning);
        assertEquals(2, online.exit());
    }

    @Test
    void aMissingConfigXmlIsOneClearErrorAndExit3() throws IOException {
        // a firewall whose config.xml is missing (the other reads work): all reads go in one exec
        Path bin = Files.createDirectories(lab.dir.resolve("brokenbin"));
        Path cat = bin.resolve("cat");
        Files.writeString(cat, "#!/bin/sh\nif [ \"$1\" = /conf/config.xml ]; then echo \"cat: /conf/config.xml: No such file or directory\" >&2; exit 1; fi\n"
                + "exec /bin/cat \"$@\"\n");
        Files.setPosixFilePermissions(cat, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        SshLab.Sshd broken = lab.start("broken", "ForceCommand PATH=" + bin + ":$PATH exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"");
        lab.alias("brokenfw", broken);
        lab.trust(broken, "ed25519");
        RouteAuditRun r = RouteAuditRun.of("brokenfw", "-F", lab.sshConfig.toString(), "--inventory", inventory.toString());
        assertEquals(3, r.exit());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().filter(l -> !l.contains("warning:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("route-audit: brokenfw (" + System.getProperty("user.name") + "@127.0.0.1:"), lines.get(0));
        assertTrue(lines.get(0).contains("`cat /conf/config.xml` failed (exit 1: cat: /conf/config.xml: No such file or directory)"
                + "; the config.xml is required for an audit"), lines.get(0));
    }

    @Test
    void anUnreachableEdgeFailsTheRunNamingTheEdge() throws IOException {
        int port = SshLab.freePort();
        Files.writeString(lab.sshConfig, "Host deadedge\n  HostName 127.0.0.1\n  Port " + port + "\n", StandardOpenOption.APPEND);
        RouteAuditRun r = RouteAuditRun.of(live("--edge", "EDGE2_VPNV4=deadedge"));
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("route-audit: deadedge (") && r.err().contains("connection refused on port " + port), r.err());
    }

    @Test
    void monitoringFormatsReportAnUnreachableFirewallAsUnknown() throws IOException {
        int port = SshLab.freePort();
        Files.writeString(lab.sshConfig, "Host deadfw\n  HostName 127.0.0.1\n  Port " + port + "\n", StandardOpenOption.APPEND);
        RouteAuditRun r = RouteAuditRun.of("deadfw", "-F", lab.sshConfig.toString(), "--inventory", inventory.toString(), "--format", "nagios");
        assertEquals(3, r.exit());
        assertTrue(r.out().startsWith("ROUTE-AUDIT UNKNOWN - deadfw ("), r.out());
    }

    @Test
    void quietPrintsNothingOnlyWhenAllIsOk() {
        RouteAuditRun r = RouteAuditRun.of(live("--quiet"));
        assertEquals(2, r.exit());
        assertFalse(r.out().isEmpty(), "CRITICAL is not quiet");
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
