package ops.live;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import ops.fleet.VirtualFleet;
import ops.json.Json;
import ops.ssh.CommandResult;
import ops.ssh.SshLab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fleet bench's server (tests/ops/fleet/VirtualFleet) is faithful: OpenSSH's `ssh` gets the
 * snapshot's bytes for every read the audit sends, Batch's `sh -s` script comes back as the real
 * sh would print it, host keys and client keys are checked, and route-audit --all sees every
 * virtual firewall with its edges.
 */
class VirtualFleetTest {
    static final Path SNAP = Path.of("examples/fixed").toAbsolutePath();
    static Path dir, cfg, identity;
    static VirtualFleet fleet;

    @BeforeAll
    static void up() throws Exception {
        SshLab.assumeOpenSsh();
        dir = Files.createTempDirectory("ops-vfleet");
        identity = dir.resolve("id_ecdsa");
        SshLab.keygen(identity, "ecdsa", "");
        fleet = VirtualFleet.start("127.0.0.1", 0, 3, SNAP, SshLab.pub(identity), true, java.time.Duration.ZERO);
        fleet.writeClientFiles(dir, identity);
        cfg = dir.resolve("ssh_config");
    }

    @AfterAll
    static void down() throws IOException {
        if (fleet != null) fleet.close();
        if (dir != null) try (var w = Files.walk(dir)) {
            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Ssh(int exit, byte[] out, String err) {}

    static Ssh ssh(String host, String command, byte[] stdin, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ssh", "-F", cfg.toString(), "-o", "BatchMode=yes"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of(host, command));
        Path in = Files.write(dir.resolve("stdin"), stdin);
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(cmd).redirectInput(in.toFile()).redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ssh " + host + " hung");
        return new Ssh(p.exitValue(), out, Files.readString(err));
    }

    static byte[] file(String name) throws IOException {
        return Files.readAllBytes(SNAP.resolve(name));
    }

    @Test
    void opensshGetsTheSnapshotsBytesForEachRead() throws Exception {
        for (String fw : List.of("fw001", "fw002", "fw003")) {
            byte[] config = Files.readString(SNAP.resolve("config.xml"))
                    .replace("<hostname>fw1</hostname>", "<hostname>" + fw + "</hostname>").getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(config, ssh(fw, "cat /conf/config.xml", new byte[0]).out(), fw + " config.xml");
            Map<String, String> reads = Map.of("netstat -rnW", "routes.txt", "pfSsh.php playback gatewaystatus", "gateway-status.txt",
                    "pfctl -sr", "pf-rules.txt", "grep -H . /tmp/*_router", "routers.txt");
            for (var r : reads.entrySet()) {
                Ssh s = ssh(fw, r.getKey(), new byte[0]);
                assertEquals(0, s.exit(), fw + " " + r.getKey() + ": " + s.err());
                assertArrayEquals(file(r.getValue()), s.out(), fw + " " + r.getKey());
            }
            // examples/fixed has no ifconfig.txt: the read fails as the fake command of SnapshotHosts does
            Ssh ifconfig = ssh(fw, "ifconfig -a", new byte[0]);
            assertEquals(1, ifconfig.exit());
            assertTrue(ifconfig.err().contains("no ifconfig.txt"), ifconfig.err());
        }
        assertArrayEquals(file("edges/EDGE1_VPNV4.iptables"), ssh("fw002-e1", "iptables-save", new byte[0]).out());
        assertArrayEquals(file("edges/EDGE3_VPNV4.nft.json"), ssh("fw002-e3", "nft -j list ruleset", new byte[0]).out());
        assertArrayEquals(file("edges/EDGE2_VPNV4.addr.json"), ssh("fw003-e2", "ip -j addr", new byte[0]).out());
        // a non-root login's form of a root-only read (Sudo.wrap): the virtual login is uid 0
        assertArrayEquals(file("pf-rules.txt"), ssh("fw001", ops.remote.Sudo.wrap("pfctl -sr"), new byte[0]).out());
        // a firewall is no Linux edge, and an unknown command is refused as a shell would
        assertEquals(127, ssh("fw001", "iptables-save", new byte[0]).exit());
        assertEquals(127, ssh("fw001-e1", "cat /etc/shadow", new byte[0]).exit());
    }

    @Test
    void batchScriptComesBackAsShWouldPrintIt() throws Exception {
        List<String> commands = List.of("cat /conf/config.xml", "netstat -rnW", "ifconfig -a", "pfctl -sr");
        Batch batch = new Batch(commands);
        Ssh s = ssh("fw002", Batch.COMMAND, batch.script().getBytes(StandardCharsets.UTF_8));
        assertEquals(0, s.exit(), s.err());
        Map<Integer, CommandResult> r = batch.parse("fw002", new String(s.out(), StandardCharsets.UTF_8));
        assertTrue(r.get(0).stdout().contains("<hostname>fw002</hostname>"));
        assertEquals(Files.readString(SNAP.resolve("routes.txt")), r.get(1).stdout());
        assertEquals(java.util.Optional.of(1), r.get(2).exitStatus());
        assertTrue(r.get(2).stderr().contains("no ifconfig.txt"), r.get(2).stderr());
        assertEquals(Files.readString(SNAP.resolve("pf-rules.txt")), r.get(3).stdout());
        assertEquals("", r.get(3).stderr());
        // a script line of another shape is an error, not a silent skip
        Ssh odd = ssh("fw002", Batch.COMMAND, "echo hi\n".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(0, odd.exit());
    }

    /** The delay line holds each connection's chunks and replays them in order: a whole audit's reads come back intact. */
    @Test
    void aDelayedFleetServesTheSameBytes() throws Exception {
        Path other = Files.createDirectories(dir.resolve("delayed"));
        try (VirtualFleet slow = VirtualFleet.start("127.0.0.1", 0, 1, SNAP, SshLab.pub(identity), false, java.time.Duration.ofMillis(30))) {
            slow.writeClientFiles(other, identity);
            Batch batch = new Batch(List.of("cat /conf/config.xml", "netstat -rnW", "pfctl -sr", "grep -H . /tmp/*_router"));
            Path in = Files.writeString(other.resolve("script"), batch.script());
            Process p = new ProcessBuilder("ssh", "-F", other.resolve("ssh_config").toString(), "-o", "BatchMode=yes", "fw001", Batch.COMMAND)
                    .redirectInput(in.toFile()).redirectError(other.resolve("err").toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(other.resolve("err")));
            Map<Integer, CommandResult> r = batch.parse("fw001", out);
            assertTrue(r.get(0).stdout().contains("<hostname>fw001</hostname>"));
            assertEquals(Files.readString(SNAP.resolve("routes.txt")), r.get(1).stdout());
            assertEquals(Files.readString(SNAP.resolve("pf-rules.txt")), r.get(2).stdout());
            assertEquals(Files.readString(SNAP.resolve("routers.txt")), r.get(3).stdout());
        }
    }

    @Test
    void unknownHostKeyAndUnknownClientKeyAreRefused() throws Exception {
        // fw01 known under fw02's key: both OpenSSH and route-audit must refuse it
        Path swapped = dir.resolve("known_hosts_swapped");
        List<VirtualFleet.Host> h = fleet.hosts();
        VirtualFleet.Host fw01 = h.stream().filter(x -> x.name().equals("fw001")).findFirst().orElseThrow();
        VirtualFleet.Host fw02 = h.stream().filter(x -> x.name().equals("fw002")).findFirst().orElseThrow();
        Files.writeString(swapped, fw01.knownHostsLine().split(" ")[0] + " " + fw02.knownHostsLine().split(" ", 2)[1] + "\n");
        Ssh s = ssh("fw001", "true", new byte[0], "-o", "UserKnownHostsFile=" + swapped);
        assertEquals(255, s.exit());
        assertTrue(s.err().contains("HOST IDENTIFICATION HAS CHANGED") || s.err().contains("Host key verification failed"), s.err());
        Path cfgSwapped = dir.resolve("ssh_config_swapped");
        Files.writeString(cfgSwapped, Files.readString(cfg).replace(dir.resolve("known_hosts").toString(), swapped.toString()));
        RouteAuditRun audit = RouteAuditRun.of("fw001", "-F", cfgSwapped.toString(), "--no-discover");
        assertNotEquals(0, audit.exit());
        assertTrue(audit.err().toLowerCase().contains("host key"), audit.err());

        Path stranger = dir.resolve("id_stranger");
        SshLab.keygen(stranger, "ecdsa", "");
        // the stranger's key alone (IdentitiesOnly): ssh_config's IdentityFile would add the lab's to any -i
        Path cfgStranger = dir.resolve("ssh_config_stranger");
        Files.writeString(cfgStranger, Files.readString(cfg).replace(identity.toString(), stranger.toString()));
        Process p = new ProcessBuilder("ssh", "-F", cfgStranger.toString(), "-o", "BatchMode=yes", "fw001", "true")
                .redirectInput(new File("/dev/null")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(255, p.exitValue(), out);
        assertTrue(out.contains("Permission denied"), out);
    }

    @Test
    void routeAuditAllSeesEachVirtualFirewallWithItsEdges() throws Exception {
        RouteAuditRun r = RouteAuditRun.of("--all", "-F", cfg.toString(), "--inventory", dir.resolve("ops.toml").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode firewalls = Json.mapper().readTree(r.out()).get("firewalls");
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode fw : firewalls) {
            names.add(fw.get("target").asText());
            assertEquals(3, fw.get("edges").size(), fw.toString());
            assertTrue(fw.get("paths").size() > 0, fw.toString());
        }
        assertEquals(new TreeSet<>(List.of("fw001", "fw002", "fw003")), names);
        assertEquals(3, firewalls.size());
    }
}
