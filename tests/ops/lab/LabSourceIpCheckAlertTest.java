package ops.lab;

import static ops.monitoring.RulesTestFile.expect;
import static ops.monitoring.RulesTestFile.group;
import static ops.monitoring.RulesTestFile.silent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import ops.monitoring.Promtool;
import ops.monitoring.RulesTestFile;
import ops.support.Await;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * monitoring/route-audit.rules.yml's SourceIpCheckDisagrees against textfiles source-ip-check
 * wrote in the lab: a measurement that agrees with route-audit's prediction (silent) and one
 * where EDGE3 started masquerading after the check had read the network (fires).
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabSourceIpCheckAlertTest {
    private static final String CHECK = "SourceIpCheckCommand";
    private static final String EDGE3_HTTP = "203.0.113.13";
    @TempDir Path tmp;

    @BeforeEach
    void lab() {
        LabGroundTruthTest.assumeLab();
        assumeTrue(ops.ssh.SshSettings.findOnPath("curl").isPresent(), "source-ip-check's probes need curl (tests/run installs it)");
        assumeTrue(Promtool.present(), "promtool missing (Debian package prometheus; tests/run installs it as root)");
    }

    @AfterAll
    static void down() {
        Lab.down();
    }

    /** EDGE3's HTTP path of the triangular scenario, compared with route-audit, as a textfile for node_exporter. */
    private static List<String> args(Path textfile) {
        List<String> a = new ArrayList<>(List.of("fw", "-F", Lab.sshConfig().toString()));
        a.addAll(List.of(LabNetwork.edgeArgs(Scenario.named("triangular"))));
        a.addAll(List.of("--from", "admin", "--no-echo", "--gateway", "EDGE3_VPNV4", "--port", "80", "--compare", "--timeout", "60",
                "--format", "prometheus", "-o", textfile.toString()));
        return a;
    }

    @Test
    void aMeasurementTheNetworkChangedUnderFiresAndOneAsPredictedIsSilent() throws Exception {
        Lab.ensure("triangular");
        Path agrees = tmp.resolve("agrees.prom");
        ScriptRun r = ScriptRun.of(CHECK, args(agrees).toArray(String[]::new));
        String agreed = Files.readString(agrees);
        assertTrue(agreed.contains("ops_source_ip_check_disagreements{target=\"fw\"} 0\n"), agreed + r.err());
        assertNull(Promtool.checkMetrics(agrees), "promtool check metrics " + agrees);

        Path disagrees = tmp.resolve("disagrees.prom");
        Process p = null;
        try {
            // EDGE3 is made to masquerade after source-ip-check has read it (its prediction stays TRIANGULAR) and
            // before its probe passes: the internet holds the probe's SYNs until then, and the admin's kernel
            // keeps resending them (tcp_syn_retries 7: minutes) within the probe's 60 s
            inet("-I");
            LabSourceIpCheckTest.synRetries("admin", 7);
            File out = tmp.resolve("out").toFile(), err = tmp.resolve("err").toFile();
            Path firewallTmp = Lab.state().resolve("fw/tmp");
            // the first run's capture folder must be gone, or it would be taken for this run's
            assertTrue(Await.until(Duration.ofSeconds(60), Duration.ofMillis(500), () -> !capturing(firewallTmp)),
                    "the first run's capture is gone from the firewall");
            p = ScriptProcess.start(null, CHECK, args(disagrees), out, err);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // only bounds a hang
            while (!LabSourceIpCheckTest.capturing(firewallTmp) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(LabSourceIpCheckTest.capturing(firewallTmp), () -> "no capture was seen: " + read(out) + read(err));
            Lab.Result flip = Lab.run(10, "ip", "netns", "exec", Lab.namespace("edge3"), "nft", "add", "rule", "ip", "nat", "postrouting",
                    "oifname", "tun0", "masquerade");
            assertEquals(0, flip.code(), flip::err);
            inet("-D");
            assertTrue(p.waitFor(180, TimeUnit.SECONDS), "it ends"); // only bounds a hang
            assertEquals(1, p.exitValue(), () -> "WARNING: measured MASQUERADED, predicted TRIANGULAR: " + read(out) + read(err));
        } finally {
            if (p != null) p.destroyForcibly();
            Lab.touched();
            LabSourceIpCheckTest.synRetries("admin", 2); // as tests/lab/lib/net.sh sets it
        }
        String disagreed = Files.readString(disagrees);
        assertTrue(disagreed.contains("ops_source_ip_check_disagreements{target=\"fw\"} 1\n"), disagreed);
        assertNull(Promtool.checkMetrics(disagrees), "promtool check metrics " + disagrees);

        String rules = RulesTestFile.run(tmp,
                group(disagreed, false, 5, expect("SourceIpCheckDisagrees", "target: fw, severity: warning",
                        "summary: 'fw: measurement and route-audit''s prediction disagree'") + silent("RouteAuditFailed")),
                group(agreed, false, 5, silent("SourceIpCheckDisagrees", "RouteAuditFailed")));
        assertEquals("0", rules.lines().findFirst().orElse(""), rules + "\n" + disagreed + "\n" + agreed);
    }

    /** Adds (-I) or removes (-D) the internet's drop of SYNs to EDGE3's HTTP port. */
    private static void inet(String op) {
        Lab.Result r = Lab.run(10, "ip", "netns", "exec", Lab.namespace("inet"), "iptables", op, "FORWARD", "-d", EDGE3_HTTP,
                "-p", "tcp", "--dport", "80", "--syn", "-j", "DROP");
        assertEquals(0, r.code(), r::err);
    }

    private static boolean capturing(Path firewallTmp) {
        try {
            return LabSourceIpCheckTest.capturing(firewallTmp);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(File f) {
        try {
            return Files.readString(f.toPath());
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
