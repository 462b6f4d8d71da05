package ops.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import ops.json.Json;
import ops.ssh.SshLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discovery through the whole live read, on loopback sshds (no root, no lab): the firewall serves
 * examples/double-nat with its OpenVPN clients' servers at 127.0.0.11-13; ssh_config has a Host for
 * the first two (HostName 127.0.0.11, .12, each on its sshd's port), none for the third, whose
 * address gets ssh_config's defaults for 127.0.0.* (a port nothing listens on).
 */
class LiveDiscoveryTest {
    static SshLab lab;
    static Path empty;

    @BeforeAll
    static void up() throws IOException {
        assumeTrue(Files.isDirectory(LiveAuditTest.EXAMPLE), "run from the repository root (examples/double-nat)");
        SshLab.assumeOpenSsh();
        lab = new SshLab();
        Path snap = lab.dir.resolve("example");
        SnapshotHosts.copyTree(LiveAuditTest.EXAMPLE, snap);
        Path config = snap.resolve("config.xml");
        Files.writeString(config, Files.readString(config).replace("<server_addr>203.0.113.1", "<server_addr>127.0.0.1"));
        Path serve = SnapshotHosts.install(lab, snap);
        SshLab.Sshd fw = lab.start("fw", "ForceCommand " + serve + " FIREWALL");
        lab.alias("fw", fw);
        lab.trust(fw, "ed25519");
        StringBuilder kh = new StringBuilder();
        for (int n = 1; n <= 2; n++) {
            String address = "127.0.0.1" + n;
            SshLab.Sshd edge = lab.start("edge" + n, "ListenAddress " + address, "ForceCommand " + serve + " EDGE" + n + "_VPNV4");
            String[] pub = Files.readString(SshLab.pub(edge.hostKey("ed25519"))).trim().split("\\s+");
            kh.append('[').append(address).append("]:").append(edge.port()).append(' ').append(pub[0]).append(' ').append(pub[1]).append('\n');
            // written as a user would: the edge by its address; the rest comes from the defaults below
            Files.writeString(lab.sshConfig, "Host vps" + n + "\n  HostName " + address + "\n  Port " + edge.port() + "\n",
                    StandardOpenOption.APPEND);
        }
        Files.writeString(lab.knownHosts, kh, StandardOpenOption.APPEND);
        Files.writeString(lab.sshConfig, "Host vps* 127.0.0.*\n  Port " + SshLab.freePort() + "\n  User " + System.getProperty("user.name")
                + "\n  IdentityFile " + lab.clientKey + "\n  UserKnownHostsFile " + lab.knownHosts
                + "\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n", StandardOpenOption.APPEND);
        empty = lab.dir.resolve("empty.toml");
        Files.writeString(empty, "");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
    }

    @Test
    void theEdgesFoundGiveTheSameAuditAsNamingThemAndTheOneNotReachedIsOneLine() {
        RouteAuditRun found = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString(), "--json");
        RouteAuditRun named = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString(), "--json",
                "--no-discover", "--edge", "EDGE1_VPNV4=vps1", "--edge", "EDGE2_VPNV4=vps2");
        assertEquals(named.exit(), found.exit(), found.err());
        JsonNode a = Json.parse("named", named.out(), "json"), b = Json.parse("found", found.out(), "json");
        assertEquals(a.get("paths"), b.get("paths"));
        // the same findings; only the fixes differ: a nat-toggle fix carries the --edge the named run was given
        assertEquals(ops.support.LiveReports.withoutFixes(a.get("findings")), ops.support.LiveReports.withoutFixes(b.get("findings")));
        for (JsonNode f : a.get("findings")) {
            String fix = f.get("fix").asText();
            if (fix.contains("nat-toggle fw EDGE1_VPNV4 ")) assertTrue(fix.contains(" --edge EDGE1_VPNV4=vps1"), fix);
        }
        assertFalse(found.err().contains("EDGE3_VPNV4"), "the report says it, once: " + found.err()); // (the example has no edge routes: warnings)
        JsonNode edges = b.get("edges");
        assertEquals(3, edges.size(), edges::toString);
        assertEquals("vps1", edges.get(0).get("host").asText());
        assertEquals("ssh_config Host whose HostName is 127.0.0.11, the OpenVPN client's server", edges.get(0).get("reason").asText());
        assertEquals("vps2", edges.get(1).get("host").asText());
        JsonNode e3 = edges.get(2);
        assertEquals("EDGE3_VPNV4", e3.get("gateway").asText());
        assertEquals("127.0.0.13", e3.get("host").asText());
        assertEquals("address", e3.get("source").asText());
        assertFalse(e3.get("read").asBoolean());
        String line = e3.get("problem").asText();
        assertTrue(line.startsWith("EDGE3_VPNV4: edge 127.0.0.13 (the OpenVPN client's server itself, with your ssh_config defaults: no "
                + "ssh_config Host has HostName 127.0.0.13) not reached: " + System.getProperty("user.name") + "@127.0.0.13:"), line);
        assertTrue(line.contains(": connection refused on port "), line);
        assertTrue(line.endsWith("; add a Host with HostName 127.0.0.13 to ssh_config (with the User, Port or ProxyJump that reach it), "
                + "or give --edge EDGE3_VPNV4=HOST"), line);
        // named on the command line, the same host is an error of the run, as it always was
        RouteAuditRun strict = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString(),
                "--edge", "EDGE3_VPNV4=127.0.0.13");
        assertEquals(3, strict.exit(), strict.out());
        // the monitoring formats have no Edges section: the line goes to stderr, as a warning
        RouteAuditRun nagios = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString(), "--format", "nagios");
        assertEquals(java.util.List.of("route-audit: warning: " + line), nagios.err().lines().filter(l -> l.contains("EDGE3")).toList());
    }

    @Test
    void theTextReportListsEachGatewaysHostAndWhy() {
        RouteAuditRun r = RouteAuditRun.of("fw", "-F", lab.sshConfig.toString(), "--inventory", empty.toString());
        assertTrue(r.out().contains("\nEdges:\n  EDGE1_VPNV4 → vps1 (ssh_config Host whose HostName is 127.0.0.11, the OpenVPN client's server)\n"
                + "  EDGE2_VPNV4 → vps2 (ssh_config Host whose HostName is 127.0.0.12, the OpenVPN client's server)\n"
                + "  EDGE3_VPNV4: edge 127.0.0.13 ("), r.out());
    }
}
