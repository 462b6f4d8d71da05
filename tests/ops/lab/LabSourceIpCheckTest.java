package ops.lab;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.json.Json;
import ops.live.Batch;
import ops.live.LiveNetwork;
import ops.net.IpAddress;
import ops.probe.SourceIpCheck;
import ops.probe.Vantage;
import ops.remote.Remote;
import ops.support.Await;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * source-ip-check against the lab: real connections through the edges, tcpdump on the firewall.
 * In every scenario each path's measured verdict is the scenario's ground truth (what the
 * server's log and LabGroundTruthTest say) and route-audit's prediction (--compare: no
 * disagreement); from the admin's host over SSH, and from "this machine" run inside the
 * client's namespace. The edge cases are one line and exit 3, and no tcpdump is ever left.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabSourceIpCheckTest {
    private static final String CHECK = "SourceIpCheckCommand";
    private boolean changesTheLab;

    @BeforeEach
    void lab() {
        LabGroundTruthTest.assumeLab();
        assumeTrue(ops.ssh.SshSettings.findOnPath("curl").isPresent(), "source-ip-check's probes need curl (tests/run installs it)");
        changesTheLab = false;
    }

    @AfterEach
    void rebuildIfChanged() {
        if (changesTheLab) Lab.touched();
    }

    @AfterAll
    static void down() {
        Lab.down();
    }

    /** The scenario's ground truth in source-ip-check's words: a path that is DOWN is NOT-REACHED, BLOCKED is NO-REPLY. */
    static String measured(Verdict truth) {
        return switch (truth) {
            case DOWN -> "NOT-REACHED";
            case BLOCKED -> "NO-REPLY";
            default -> truth.name();
        };
    }

    /** The firewall and the edges of the subnet scenarios (EDGEn_VPNV4), then {@code more}. */
    private static List<String> args(Path sshConfig, String... more) {
        return args(LabNetwork.EDGE_ARGS, sshConfig, more);
    }

    private static List<String> args(String[] edges, Path sshConfig, String... more) {
        List<String> a = new ArrayList<>(List.of("fw", "-F", sshConfig.toString()));
        a.addAll(List.of(edges));
        a.addAll(List.of(more));
        return a;
    }

    private static ScriptRun check(String... more) {
        return ScriptRun.of(CHECK, args(Lab.sshConfig(), more).toArray(String[]::new));
    }

    private static ScriptRun check(Scenario s, String... more) {
        return ScriptRun.of(CHECK, args(LabNetwork.edgeArgs(s), Lab.sshConfig(), more).toArray(String[]::new));
    }

    static void assertGroundTruth(Scenario s, JsonNode report) {
        assertEquals(s.paths().size(), report.get("paths").size(), report::toString);
        for (Scenario.LabPath path : s.paths()) {
            JsonNode row = null;
            for (JsonNode r : report.get("paths")) {
                if (r.get("gateway").asText().equals(path.gateway()) && r.get("service").asText().equals(path.service())) row = r;
            }
            assertNotNull(row, () -> s.name() + ": no row for " + path + " in " + report);
            JsonNode found = row;
            assertEquals(measured(s.expected(path)), row.get("verdict").asText(), () -> s.name() + ", " + path + ": " + found.get("note"));
        }
        assertEquals(0, report.get("disagreements").asInt(), () -> "route-audit's prediction differs: " + report);
    }

    /** tcpdump (or its timeout) of any source-ip-check capture on the firewall, and capture folders in its /tmp. */
    private static String leftOnTheFirewall() {
        // only this lab's firewall: the labs share the host's process table, and another lab's test may be probing right now
        return (Lab.ssh("fw", "pgrep -fl --ns $$ --nslist net 'ops-sic[.]' || true") + Lab.ssh("fw", "ls -d /tmp/ops-sic.* 2>/dev/null || true")).strip();
    }

    /**
     * What is left of the captures once the firewall has finished with them: processes end a moment
     * after their session closes, longer on a loaded machine, so this waits until nothing is left or
     * a generous deadline passes (it only bounds a leak; tcpdump's own `timeout` is the product's bound).
     */
    private static String leftOnTheFirewallAfterCleanUp() {
        Await.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> leftOnTheFirewall().isEmpty());
        return leftOnTheFirewall();
    }

    @TestFactory
    Stream<DynamicTest> fromTheAdminsHostEveryPathIsTheGroundTruthAndThePrediction() {
        List<Scenario> all = Scenario.all();
        return all.stream().map(s -> dynamicTest(s.name() + ": from admin over SSH", () -> {
            LabGroundTruthTest.assumeLab();
            Lab.ensure(s.name());
            String echo = Scenario.ECHO_URL + (all.indexOf(s) % 2 == 0 ? "json" : ""); // both shapes of the echo page
            ScriptRun r = check(s, "--from", "admin", "--compare", "--json", "--echo-url", echo);
            JsonNode report = Json.parse(s.name(), r.out(), "source-ip-check --json: " + r.err());
            assertEquals(Scenario.ADMIN_IP, report.get("expectedClientIp").asText());
            assertEquals("the echo page " + echo, report.get("expectedFrom").asText());
            assertEquals("admin", report.get("vantage").asText());
            assertGroundTruth(s, report);
            assertEquals(report.get("exitCode").asInt(), r.exit());
            assertEquals("", r.err());
            assertEquals("", leftOnTheFirewallAfterCleanUp(), "the captures are gone");
        }));
    }

    @TestFactory
    Stream<DynamicTest> fromThisMachineInTheClientsNamespace() {
        return Stream.of("fixed", "triangular").map(name -> dynamicTest(name + ": from this machine (the client's namespace)", () -> {
            LabGroundTruthTest.assumeLab();
            Scenario s = Scenario.named(name);
            Lab.ensure(name);
            Path view = clientView();
            try {
                // the whole script runs in the client's namespace: it reaches the firewall the way an admin outside
                // does (EDGE1's published SSH port) and the edges by their public addresses; its probes start there
                Lab.Result r = Lab.run(300, null, ScriptProcess.command(Lab.namespace("client"), CHECK,
                        args(LabNetwork.edgeArgs(s), view, "--compare", "--json", "--echo-url", Scenario.ECHO_URL)));
                JsonNode report = Json.parse(name, r.out(), "source-ip-check --json: " + r.err());
                assertEquals("this machine", report.get("vantage").asText());
                assertEquals(Scenario.CLIENT_IP, report.get("expectedClientIp").asText(), "the HTML echo page saw the client");
                assertGroundTruth(s, report);
                assertEquals(report.get("exitCode").asInt(), r.code(), r.err());
            } finally {
                Files.deleteIfExists(view);
            }
        }));
    }

    /** The HTML report of a real measurement, opened in Chromium: the triangle measured, drawn and marked. */
    @Test
    void theHtmlReportOfAMeasuredTriangleLoadsInChromium() throws Exception {
        LabGroundTruthTest.assumeLab();
        ops.support.Chromium.binary();
        Scenario s = Scenario.named("triangular");
        Lab.ensure(s.name());
        Path html = Files.createTempFile("lab-source-ip-check", ".html");
        try {
            ScriptRun r = check(s, "--from", "admin", "--compare", "--format", "html", "-o", html.toString());
            assertEquals("", r.out(), "the page goes to the file");
            assertEquals(s.paths().size(), ops.support.ReportInBrowser.checkFile(html), r.err());
            String page = Files.readString(html);
            assertTrue(page.contains("TRIANGULAR") && page.contains("v-triangular"), "the measured triangle is drawn as one");
        } finally {
            Files.deleteIfExists(html);
        }
    }

    /** The lab's hosts as the client sees them from the internet: the firewall through EDGE1's SSH port, the edges by their public addresses. */
    private static Path clientView() throws IOException {
        Map<String, String> mgmt = new LinkedHashMap<>(); // host -> HostName in the lab's own ssh_config (its known_hosts name)
        String host = null;
        for (String line : Files.readAllLines(Lab.sshConfig())) {
            String l = line.strip();
            if (l.startsWith("Host ")) host = l.substring(5).strip();
            else if (l.startsWith("HostName ") && host != null) mgmt.put(host, l.substring(9).strip());
        }
        StringBuilder sb = new StringBuilder("Host fw\n  HostName 203.0.113.11\n  Port 2222\n");
        for (int n = 1; n <= 3; n++) {
            sb.append("Host edge").append(n).append("\n  HostName 203.0.113.1").append(n).append("\n  HostKeyAlias ")
                    .append(mgmt.get("edge" + n)).append('\n');
        }
        Path ssh = Lab.state().resolve("ssh");
        sb.append("Host *\n  User root\n  IdentityFile ").append(ssh.resolve("id_ed25519")).append("\n  IdentitiesOnly yes\n")
                .append("  UserKnownHostsFile ").append(ssh.resolve("known_hosts")).append("\n  GlobalKnownHostsFile /dev/null\n")
                .append("  StrictHostKeyChecking yes\n  BatchMode yes\n  ConnectTimeout 15\n");
        Path f = Files.createTempFile("lab-client-view", ".ssh_config");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test
    void aFirewallWithoutTcpdumpIsOneLine() {
        Lab.ensure("fixed");
        changesTheLab = true;
        // inside the firewall's own mount namespace only: its tcpdump becomes an empty, non-executable file
        Lab.ssh("fw", "t=$(command -v tcpdump) && : > /tmp/no-tcpdump && chmod 644 /tmp/no-tcpdump && mount --bind /tmp/no-tcpdump \"$t\"");
        ScriptRun r = check("--from", "admin", "--no-echo");
        assertEquals(3, r.exit());
        assertEquals("source-ip-check: fw: tcpdump is not installed (not on PATH, not /usr/sbin/tcpdump); source-ip-check watches "
                + "the firewall's interfaces with it: install it (pfSense ships it), or log in as a user whose PATH has it\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aPortNoEdgePublishesIsOneLine() {
        Lab.ensure("fixed");
        ScriptRun r = check("--from", "admin", "--no-echo", "--port", "8443");
        assertEquals(3, r.exit());
        assertEquals("source-ip-check: fw: no published path on port 8443 (the edges publish: EDGE1_VPNV4 tcp/80, EDGE1_VPNV4 tcp/443, "
                + "EDGE1_VPNV4 tcp/2222, EDGE2_VPNV4 tcp/80, EDGE2_VPNV4 tcp/443, EDGE3_VPNV4 tcp/80, EDGE3_VPNV4 tcp/443); check "
                + "--gateway/--port, or give the edges with --edge GATEWAY=HOST so their DNAT rules are read\n", r.err());
    }

    @Test
    void aPortNothingListensOnIsOneLine() {
        Lab.ensure("fixed");
        changesTheLab = true;
        Lab.run(10, "sh", "-c", "kill $(cat " + Lab.state().resolve("pids/server") + ")"); // the lab's server, by its pid
        ScriptRun r = check("--from", "admin", "--no-echo", "--gateway", "EDGE2_VPNV4", "--port", "80", "--format", "nagios");
        assertEquals(3, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(0).matches("SOURCE-IP-CHECK UNKNOWN - EDGE2_VPNV4 tcp/80 UNKNOWN: refused: 10\\.8\\.2\\.1 arrived on ovpnc2 "
                + "and a reset left by ovpnc2 \\d+\\.\\d ms later: nothing listens on the server's port \\(or the firewall refuses it\\) \\| .*"),
                lines.get(0));
        assertEquals("", r.err());
    }

    @Test
    void anEdgeTheInternetCannotReachIsOneLine() {
        Lab.ensure("fixed");
        changesTheLab = true;
        Lab.run(10, "ip", "-n", Lab.namespace("inet"), "route", "add", "unreachable", "203.0.113.12/32");
        ScriptRun r = check("--from", "admin", "--no-echo", "--gateway", "EDGE2_VPNV4", "--port", "443");
        assertEquals(3, r.exit(), r.out() + r.err());
        List<String> about = r.out().lines().filter(l -> l.contains("cannot be reached")).toList();
        assertEquals(List.of("  EDGE2_VPNV4 tcp/443: 203.0.113.12:443 refused the connection or cannot be reached from admin (curl: (7) "
                + "Failed to connect to 203.0.113.12 port 443 after 0 ms: Couldn't connect to server), and nothing arrived at the firewall: "
                + "the edge publishes nothing on that port, or it or the way to it is down"), about.stream()
                .map(l -> l.replaceAll("after \\d+ ms", "after 0 ms")).toList());
    }

    @Test
    void anEdgeWhoseSshDoesNotAnswerIsOneLine() {
        Lab.ensure("fixed");
        ScriptRun r = ScriptRun.of(CHECK, "fw", "-F", Lab.sshConfig().toString(), "--edge", "EDGE1_VPNV4=edge1",
                "--edge", "EDGE2_VPNV4=root@127.0.0.1:1", "--edge", "EDGE3_VPNV4=edge3", "--from", "admin", "--no-echo");
        assertEquals(3, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("source-ip-check: root@127.0.0.1:1"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void ctrlCWhileProbingLeavesNoTcpdumpOnTheFirewall() throws Exception {
        Lab.ensure("triangular");
        File out = File.createTempFile("source-ip-check", ".out"), err = File.createTempFile("source-ip-check", ".err");
        // EDGE3's replies leave by EDGE1: the probe waits its whole --timeout (the longest there is), long enough to
        // interrupt it however slow the machine, once the admin's kernel stops giving up after the lab's 2 SYN retries (~7 s)
        synRetries("admin", 7);
        // Ctrl-C reaches a process whose SIGINT is at its default, as in a terminal; a test run started in the
        // background by a shell without job control (cron, `nohup tests/run &`) hands SIGINT down ignored, and Java keeps it so
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT"));
        cmd.addAll(ScriptProcess.command(null, CHECK, args(Lab.sshConfig(), "--from", "admin", "--no-echo", "--gateway", "EDGE3_VPNV4",
                "--port", "80", "--timeout", "60")));
        Process p = new ProcessBuilder(cmd).directory(Lab.repo().toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out).redirectError(err).start();
        try {
            // the capture's folder in the firewall's /tmp (the lab keeps it on this host): watched here, not over
            // SSH, so that Ctrl-C follows its start at once however slow the machine is
            Path firewallTmp = Lab.state().resolve("fw/tmp");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // only bounds a hang
            while (!capturing(firewallTmp) && p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(capturing(firewallTmp), () -> "no capture was seen (" + (p.isAlive() ? "still running" : "it ended") + "): " + read(out) + read(err));
            Lab.run(10, "kill", "-INT", String.valueOf(p.pid()));
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "it ends"); // only bounds a hang
            assertEquals(130, p.exitValue(), () -> "Ctrl-C ended it (128 + SIGINT), not its own --timeout: " + read(out) + read(err));
            assertEquals("", leftOnTheFirewallAfterCleanUp(), "nothing of the capture is left on the firewall");
        } finally {
            p.destroyForcibly();
            synRetries("admin", 2); // as tests/lab/lib/net.sh sets it
            out.delete();
            err.delete();
        }
    }

    static boolean capturing(Path firewallTmp) throws IOException {
        try (Stream<Path> files = Files.list(firewallTmp)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("ops-sic."));
        }
    }

    /** How often a node's kernel resends a SYN before a connect fails (7: about 4 minutes). */
    static void synRetries(String node, int retries) {
        Lab.Result r = Lab.run(10, "ip", "netns", "exec", Lab.namespace(node), "sh", "-c", "echo " + retries + " > /proc/sys/net/ipv4/tcp_syn_retries");
        assertEquals(0, r.code(), () -> "tcp_syn_retries on " + node + ": " + r.err());
    }

    @Test
    void aFailureWhileProbingLeavesNoTcpdumpOnTheFirewall() {
        Lab.ensure("fixed");
        try (LiveNetwork net = LabNetwork.open()) {
            Remote admin = net.host("admin");
            Remote dropping = new Remote() { // the vantage's connection dies while the probes run
                @Override public String name() { return "admin"; }

                @Override
                public Result run(String command, String stdin, Duration timeout) {
                    if (command.equals(Batch.COMMAND)) throw new OpsException("admin: the connection dropped");
                    return admin.run(command, stdin, timeout);
                }
            };
            SourceIpCheck check = new SourceIpCheck(net, new Vantage(dropping, "admin"), w -> { });
            OpsException e = assertThrows(OpsException.class, () -> check.run(new SourceIpCheck.Request(List.of(), Optional.empty(),
                    Optional.of(IpAddress.parse(Scenario.ADMIN_IP)), Optional.empty(), false, Duration.ofSeconds(3), Set.of(80))));
            assertEquals("admin: the connection dropped", e.getMessage());
        }
        assertEquals("", leftOnTheFirewallAfterCleanUp());
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (IOException e) {
            return "";
        }
    }
}
