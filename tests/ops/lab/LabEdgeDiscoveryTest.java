package ops.lab;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ops.inventory.Inventory;
import ops.json.Json;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * `route-audit fw` with no --edge: each gateway's edge is found from the firewall's config.xml
 * (the OpenVPN client's server_addr, the WireGuard peer's endpoint) and an ssh_config whose Hosts
 * carry the edges' PUBLIC addresses as HostName, reached as an admin outside would: through the
 * admin's box (ProxyJump admin). Nothing names an edge on the command line or in an inventory.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabEdgeDiscoveryTest {
    static final String[] NAMES = {"vps-one", "vps-two", "vps-three"};

    @AfterAll
    static void down() {
        Lab.down();
    }

    /**
     * An ssh_config as a user would write it: a Host per edge by its public address (the ones listed),
     * every 203.0.113.x reached through the admin's box with the edges' keys pinned under those
     * addresses, then the lab's own config (fw, admin, fw-via-edge1 whose HostName is edge1's too).
     */
    static Path discoveryConfig(int... edges) throws IOException {
        Path dir = Files.createTempDirectory("lab-discovery");
        StringBuilder kh = new StringBuilder(), cfg = new StringBuilder("# the edges by their public addresses\n");
        for (int n = 1; n <= 3; n++) {
            String pub = Files.readString(Lab.state().resolve("edge" + n + "/ssh_host_ed25519_key.pub")).strip();
            String[] f = pub.split("\\s+");
            kh.append("203.0.113.1").append(n).append(' ').append(f[0]).append(' ').append(f[1]).append('\n');
        }
        for (int n : edges) cfg.append("Host ").append(NAMES[n - 1]).append("\n  HostName 203.0.113.1").append(n).append('\n');
        Files.writeString(dir.resolve("known_hosts"), kh);
        cfg.append("Host vps-* 203.0.113.*\n  ProxyJump admin\n  UserKnownHostsFile ").append(dir.resolve("known_hosts")).append('\n')
                .append("Match all\nInclude ").append(Lab.sshConfig()).append('\n');
        Path config = dir.resolve("ssh_config");
        Files.writeString(config, cfg);
        return config;
    }

    private static ScriptRun audit(Path sshConfig, String... more) {
        List<String> args = new ArrayList<>(List.of("fw", "-F", sshConfig.toString()));
        args.addAll(List.of(more));
        return ScriptRun.of("RouteAudit", args.toArray(String[]::new));
    }

    private static JsonNode json(String what, ScriptRun r) {
        return Json.parse(what, r.out(), "route-audit --json (exit " + r.exit() + "): " + r.err());
    }

    private static JsonNode edge(JsonNode report, String gateway) {
        for (JsonNode e : report.get("edges")) if (e.get("gateway").asText().equals(gateway)) return e;
        throw new AssertionError("no edge " + gateway + " in " + report.get("edges"));
    }

    @TestFactory
    Stream<DynamicTest> withoutEdgeFlagsTheAuditFindsTheEdgesAndSaysTheSameAsWithThem() {
        return Stream.of("fixed", "wireguard", "net30-fixed").map(name -> dynamicTest(name, () -> {
            LabGroundTruthTest.assumeLab();
            Scenario s = Scenario.named(name);
            Lab.ensure(name);
            ScriptRun flags = ScriptRun.of("RouteAudit", Stream.concat(Stream.of("fw", "-F", Lab.sshConfig().toString(), "--json"),
                    s.edgeArgs().stream()).toArray(String[]::new));
            ScriptRun found = audit(discoveryConfig(1, 2, 3), "--json");
            JsonNode a = json("--edge", flags), b = json("discovered", found);
            assertEquals(flags.exit(), found.exit(), found.err());
            assertEquals(a.get("paths"), b.get("paths"), "the same paths");
            // the same findings; the --edge run's nat-toggle fixes also carry its --edge
            assertEquals(ops.support.LiveReports.withoutFixes(a.get("findings")), ops.support.LiveReports.withoutFixes(b.get("findings")),
                    "the same findings");
            assertEquals("", found.err());
            for (Scenario.Tunnel t : Scenario.EDGES.stream().map(s::tunnel).toList()) {
                JsonNode e = edge(b, t.gateway());
                String where = t.wireguard() ? "the WireGuard peer's endpoint" : "the OpenVPN client's server";
                assertEquals(NAMES[t.n() - 1], e.get("host").asText(), e::toString);
                assertEquals("ssh-config", e.get("source").asText());
                assertTrue(e.get("read").asBoolean(), e::toString);
                assertTrue(e.get("reason").asText().startsWith("ssh_config Host whose HostName is 203.0.113.1" + t.n() + ", " + where),
                        e::toString);
            }
            // and the text report says it in one line per gateway (the firewall's own way in through edge1 is not edge1)
            ScriptRun text = audit(discoveryConfig(1, 2, 3));
            assertTrue(text.out().contains("\nEdges:\n  EDGE1_VPNV4 → vps-one (ssh_config Host whose HostName is "
                    + "203.0.113.11, the OpenVPN client's server; the first of the Hosts vps-one, fw-via-edge1 in ssh_config's order)\n"),
                    text.out());
        }));
    }

    @Test
    void anEdgeWithoutAHostEntryIsTheAddressWithTheDefaultsAndWithoutARouteOneLineWithinTheTimeout() throws Exception {
        LabGroundTruthTest.assumeLab();
        Scenario s = Scenario.named("fixed");
        Lab.ensure("fixed");
        Path config = discoveryConfig(1, 2); // no Host for edge3's 203.0.113.13
        // reachable by ssh_config's defaults for 203.0.113.* (ProxyJump admin): read as the address itself
        JsonNode ok = json("address", audit(config, "--json"));
        JsonNode e3 = edge(ok, "EDGE3_VPNV4");
        assertEquals("203.0.113.13", e3.get("host").asText());
        assertEquals("address", e3.get("source").asText());
        assertEquals("the OpenVPN client's server itself, with your ssh_config defaults: no ssh_config Host has HostName 203.0.113.13",
                e3.get("reason").asText());
        assertTrue(e3.get("read").asBoolean());

        // now nothing answers there: the internet drops what goes to it
        Lab.run(10, "ip", "-n", Lab.namespace("inet"), "route", "add", "blackhole", "203.0.113.13/32");
        try {
            // that the 3 s bound, not a longer default, ended the wait is in the line below ("no answer within 3 s")
            ScriptRun r = audit(config, "--connect-timeout", "3");
            assertEquals(1, r.exit(), r.out() + r.err()); // RA112 (WARNING): EDGE3's paths are UNKNOWN
            assertEquals("", r.err(), "said once, in the report");
            List<String> lines = r.out().lines().filter(l -> l.contains("EDGE3_VPNV4: edge ")).toList();
            assertEquals(1, lines.size(), r.out());
            assertEquals("  EDGE3_VPNV4: edge 203.0.113.13 (the OpenVPN client's server itself, with your ssh_config defaults: no ssh_config "
                    + "Host has HostName 203.0.113.13) not reached: admin (root@" + Lab.ssh("admin", "echo $SSH_CONNECTION").split(" ")[2]
                    + "): jump host could not open a connection to 203.0.113.13:22 for 203.0.113.13 (no answer within 3 s); check the "
                    + "address from the jump host and AllowTcpForwarding there; add a Host with HostName 203.0.113.13 to ssh_config (with "
                    + "the User, Port or ProxyJump that reach it), or give --edge EDGE3_VPNV4=HOST", lines.get(0));
            assertTrue(r.out().contains("WARNING  RA112 edge-not-read: EDGE3_VPNV4: "), r.out());
            // the others are audited as ever
            JsonNode report = json("one unreached", audit(config, "--connect-timeout", "3", "--json"));
            for (Scenario.LabPath p : s.paths()) {
                if (p.gateway().equals("EDGE3_VPNV4")) continue;
                boolean seen = false;
                for (JsonNode row : report.get("paths")) {
                    if (row.get("gateway").asText().equals(p.gateway()) && row.get("service").asText().equals(p.service())) {
                        assertEquals(s.expected(p).name(), row.get("verdict").asText(), p.toString());
                        seen = true;
                    }
                }
                assertTrue(seen, p + " in " + report);
            }
            assertFalse(edge(report, "EDGE3_VPNV4").get("read").asBoolean());
        } finally {
            Lab.run(10, "ip", "-n", Lab.namespace("inet"), "route", "del", "blackhole", "203.0.113.13/32");
        }
    }

    @Test
    void theWrittenInventoryReadBackGivesTheSameReport() throws Exception {
        LabGroundTruthTest.assumeLab();
        Lab.ensure("fixed");
        Path config = discoveryConfig(1, 2, 3);
        Path inv = config.resolveSibling("ops.toml");
        ScriptRun first = audit(config, "--json", "--write-inventory", inv.toString());
        assertEquals("", first.err());
        Inventory written = Inventory.read(inv);
        assertEquals(java.util.Map.of("EDGE1_VPNV4", "vps-one", "EDGE2_VPNV4", "vps-two", "EDGE3_VPNV4", "vps-three"),
                written.firewall("fw").orElseThrow().edges());
        assertEquals("fw", written.firewall("fw").orElseThrow().ssh());
        ScriptRun again = audit(config, "--json", "--inventory", inv.toString());
        assertEquals(first.exit(), again.exit(), again.err());
        JsonNode a = json("discovered", first), b = json("from the inventory", again);
        assertEquals(a.get("paths"), b.get("paths"));
        assertEquals(a.get("findings"), b.get("findings"));
        for (JsonNode e : b.get("edges")) {
            assertEquals(edge(a, e.get("gateway").asText()).get("host"), e.get("host"), "the same host");
            assertEquals("inventory", e.get("source").asText());
            assertEquals("inventory " + inv, e.get("reason").asText());
        }
    }

    @Test
    void aDiscoveredEdgeWithAnUnknownHostKeyIsRefusedInOneLine() throws Exception {
        LabGroundTruthTest.assumeLab();
        Lab.ensure("fixed");
        Path config = discoveryConfig(1, 2, 3);
        Path kh = config.resolveSibling("known_hosts");
        Files.writeString(kh, Files.readString(kh).lines().filter(l -> !l.startsWith("203.0.113.12 ")).map(l -> l + "\n")
                .reduce("", String::concat));
        ScriptRun r = audit(config);
        assertEquals(3, r.exit(), r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("route-audit: EDGE2_VPNV4 → vps-two (ssh_config Host whose HostName is 203.0.113.12, the OpenVPN "
                + "client's server): vps-two (root@203.0.113.12): unknown host key ssh-ed25519 SHA256:"), r.err());
        assertTrue(r.err().contains("-o StrictHostKeyChecking=accept-new vps-two true` or rerun with --accept-new"), r.err());
        assertFalse(Files.readString(kh).contains("203.0.113.12 "), "nothing added to known_hosts");
    }

    @Test
    void theChangeScriptsAndSourceIpCheckFindTheEdgesToo() throws Exception {
        LabGroundTruthTest.assumeLab();
        Scenario s = Scenario.named("fixed");
        Lab.ensure("fixed");
        Path config = discoveryConfig(1, 2, 3);
        ScriptRun status = ScriptRun.of("NatToggleCommand", "fw", "EDGE2_VPNV4", "status", "-F", config.toString());
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().startsWith("EDGE2_VPNV4 (opt2, ovpnc2, 10.8.2.1) on fw; edge vps-two, tunnel tun0, iptables\n"), status.out());
        ScriptRun show = ScriptRun.of("DefaultRouteCommand", "fw", "show", "-F", config.toString());
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("EDGE2_VPNV4  10.8.2.2:80"), show.out()); // paths with the edges' NAT
        ScriptRun check = ScriptRun.of("SourceIpCheckCommand", "fw", "-F", config.toString(), "--from", "admin", "--no-echo",
                "--compare", "--json");
        JsonNode report = Json.parse("source-ip-check", check.out(), "source-ip-check --json: " + check.err());
        LabSourceIpCheckTest.assertGroundTruth(s, report);
        assertEquals("", check.err());
        // and a gateway whose edge is not reached says so where nat-toggle needs it
        Path noThree = discoveryConfig(1, 2);
        Lab.run(10, "ip", "-n", Lab.namespace("inet"), "route", "add", "blackhole", "203.0.113.13/32");
        try {
            ScriptRun r = ScriptRun.of("NatToggleCommand", "fw", "EDGE3_VPNV4", "status", "-F", noThree.toString(), "--connect-timeout", "2");
            assertEquals(3, r.exit(), r.out());
            List<String> err = r.err().lines().toList();
            assertEquals(1, err.size(), r.err()); // the refusal is the one line (no warning about the same edge before it)
            assertTrue(err.get(0).startsWith("nat-toggle: EDGE3_VPNV4: edge 203.0.113.13 ("), r.err());
            assertTrue(err.get(0).endsWith("or give --edge EDGE3_VPNV4=HOST"), r.err());
            // about another gateway, the unreached edge is a warning and the work goes on
            ScriptRun other = ScriptRun.of("NatToggleCommand", "fw", "EDGE2_VPNV4", "status", "-F", noThree.toString(), "--connect-timeout", "2");
            assertEquals(0, other.exit(), other.err());
            assertEquals(1, other.err().lines().count(), other.err());
            assertTrue(other.err().startsWith("nat-toggle: warning: EDGE3_VPNV4: edge 203.0.113.13 ("), other.err());
        } finally {
            Lab.run(10, "ip", "-n", Lab.namespace("inet"), "route", "del", "blackhole", "203.0.113.13/32");
        }
    }
}
