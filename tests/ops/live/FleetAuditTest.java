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

/** route-audit over several firewalls in one run: each audited as alone, one summary, the worst exit code. */
class FleetAuditTest {
    static SshLab lab, other;
    static Path inventory;

    @BeforeAll
    static void up() throws IOException {
        SshLab.assumeOpenSsh();
        lab = new SshLab();
        other = new SshLab();
        Path serveA = SnapshotHosts.install(lab, Path.of("examples/double-nat").toAbsolutePath());
        Path serveB = SnapshotHosts.install(other, Path.of("examples/fixed").toAbsolutePath());
        SshLab.Sshd a = lab.start("fwa", "ForceCommand " + serveA + " FIREWALL");
        SshLab.Sshd b = other.start("fwb", "ForceCommand " + serveB + " FIREWALL");
        lab.alias("fw-a", a);
        lab.trust(a, "ed25519");
        // fw-b lives in the other lab's folder: copy its host key into this lab's known_hosts and config
        String[] pub = Files.readString(SshLab.pub(b.hostKey("ed25519"))).trim().split("\\s+");
        Files.writeString(lab.knownHosts, "[127.0.0.1]:" + b.port() + " " + pub[0] + " " + pub[1] + "\n", StandardOpenOption.APPEND);
        lab.alias("fw-b", b);
        Files.writeString(lab.authorizedKeys, Files.readString(lab.authorizedKeys)); // same client key serves both
        Files.copy(lab.authorizedKeys, other.authorizedKeys, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        int dead = SshLab.freePort();
        Files.writeString(lab.sshConfig, "Host fw-dead\n  HostName 127.0.0.1\n  Port " + dead + "\n", StandardOpenOption.APPEND);
        inventory = lab.dir.resolve("ops.toml");
        Files.writeString(inventory, "[firewalls.fw-a]\n[firewalls.fw-b]\n[firewalls.fw-dead]\n");
    }

    @AfterAll
    static void down() throws IOException {
        if (lab != null) lab.close();
        if (other != null) other.close();
    }

    /** The firewalls alone: their config.xml names edges at 203.0.113.x, which these tests never connect to. */
    private static RouteAuditRun run(String... more) {
        String[] args = new String[more.length + 5];
        args[0] = "-F";
        args[1] = lab.sshConfig.toString();
        args[2] = "--inventory";
        args[3] = inventory.toString();
        args[4] = "--no-discover";
        System.arraycopy(more, 0, args, 5, more.length);
        return RouteAuditRun.of(args);
    }

    @Test
    void auditsEveryFirewallAndExitsWithTheWorst() {
        RouteAuditRun r = run("--all", "--json", "--parallel", "2");
        assertEquals(3, r.exit(), r.err());
        JsonNode doc = Json.parse("fleet", r.out(), "json");
        assertEquals("UNKNOWN", doc.get("status").asText());
        java.util.Map<String, JsonNode> byName = new java.util.TreeMap<>();
        for (JsonNode f : doc.get("firewalls")) byName.put(f.get("target").asText(), f);
        assertEquals(java.util.Set.of("fw-a", "fw-b", "fw-dead"), byName.keySet());
        assertEquals("WARNING", byName.get("fw-a").get("status").asText(), doc.toString()); // its edges are not in the inventory
        assertEquals("WARNING", byName.get("fw-b").get("status").asText());
        assertEquals("UNKNOWN", byName.get("fw-dead").get("status").asText());
        assertTrue(byName.get("fw-dead").get("error").asText().contains("connection refused"), doc.toString());
    }

    @Test
    void namedFirewallsGiveATextSummaryAndNagiosAndPrometheusCoverAll() {
        RouteAuditRun text = run("fw-a", "fw-b");
        assertEquals(1, text.exit());
        assertTrue(text.out().startsWith("route-audit fleet: WARNING (2 firewalls: 0 critical, 2 warning, 0 unknown, 0 ok)\n\n"
                + "FIREWALL  STATUS   PROBLEM\nfw-a      WARNING  "), text.out());
        assertTrue(text.out().contains("\nroute-audit fw-a: WARNING (") && text.out().contains("\nroute-audit fw-b: WARNING ("), "each one's report below");
        RouteAuditRun nagios = run("--all", "--format", "nagios");
        assertTrue(nagios.out().startsWith("ROUTE-AUDIT UNKNOWN - 3 firewalls: 0 critical, 2 warning, 1 unknown, 0 ok | firewalls=3;;;0"),
                nagios.out());
        RouteAuditRun prom = run("--all", "--format", "prometheus");
        assertEquals(1, prom.out().lines().filter(l -> l.equals("# TYPE ops_route_audit_status gauge")).count());
        assertTrue(prom.out().contains("ops_route_audit_status{target=\"fw-dead\"} 3"), prom.out());
        assertTrue(prom.out().contains("ops_route_audit_status{target=\"fw-a\"} 1"), prom.out());
        assertTrue(prom.out().contains("ops_route_audit_fleet_firewalls{status=\"unknown\"} 1\n"), prom.out());
    }

    @Test
    void allWithoutAnInventoryIsAUsageError() {
        RouteAuditRun r = RouteAuditRun.of("--all", "-F", lab.sshConfig.toString(), "--inventory", lab.dir.resolve("none.toml").toString());
        assertEquals(3, r.exit());
    }
}
