package ops.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ops.support.Repo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe of docs/monitoring.md (the files in monitoring/) runs as written, with the
 * checkout in place of /opt/ops-toolkit, the bundled examples/double-nat snapshot in place of
 * the live firewall fw1 and a temp folder in place of /var/lib: each must give the report in
 * the format its reader expects (exit 2: the example has a TRIANGULAR path).
 */
@Tag("slow") // minutes of JBang builds or many sshds: a JVM of its own in tests/run (runner.Job), beside the others
class MonitoringRecipesTest {
    @TempDir Path tmp;

    @Test
    void docsShowEveryRecipeFileAsItIs() {
        String doc = Repo.read("docs/monitoring.md");
        for (String f : List.of("route-audit.cron", "route-audit.service", "route-audit.timer", "nagios.cfg", "icinga2.conf", "route-audit.rules.yml")) {
            assertTrue(doc.contains(Repo.read("monitoring/" + f)), "docs/monitoring.md shows monitoring/" + f + " verbatim");
        }
    }

    @Test
    void crontabLinesRun() throws Exception {
        List<String> commands = new ArrayList<>();
        for (String line : Repo.read("monitoring/route-audit.cron").lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+", 6);
            assertEquals(6, f.length, "five time fields and a command: " + line);
            commands.add(f[5]);
        }
        assertEquals(4, commands.size(), "one line per output");
        for (String c : commands) assertRecipe(c);
    }

    @Test
    void systemdServiceRunsAndBothUnitsVerify() throws Exception {
        String service = Repo.read("monitoring/route-audit.service");
        Matcher m = Pattern.compile("(?m)^ExecStart=(.*)$").matcher(service);
        assertTrue(m.find());
        assertRecipe(m.group(1));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "no systemd-analyze here");
        Path dir = Files.createDirectories(tmp.resolve("units"));
        for (String f : List.of("route-audit.service", "route-audit.timer")) {
            Files.writeString(dir.resolve(f), Repo.read("monitoring/" + f).replace("/opt/ops-toolkit", Repo.root().toString()));
        }
        Process p = new ProcessBuilder("systemd-analyze", "verify", dir.resolve("route-audit.service").toString(), dir.resolve("route-audit.timer").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("", out.strip(), "systemd-analyze verify says nothing");
    }

    @Test
    void nagiosAndIcingaCommandsRun() throws Exception {
        Matcher n = Pattern.compile("(?m)^\\s*command_line\\s+(.*)$").matcher(Repo.read("monitoring/nagios.cfg"));
        assertTrue(n.find());
        assertRecipe(n.group(1).replace("$HOSTNAME$", "fw1"));
        Matcher i = Pattern.compile("(?m)^\\s*command = \\[(.*)\\]$").matcher(Repo.read("monitoring/icinga2.conf"));
        assertTrue(i.find());
        List<String> words = new ArrayList<>();
        Matcher q = Pattern.compile("\"([^\"]*)\"").matcher(i.group(1));
        while (q.find()) words.add(q.group(1));
        assertRecipe(String.join(" ", words).replace("$route_audit_firewall$", "fw1"));
    }

    /** Runs one recipe's command (as /bin/sh would) and checks what its reader gets. */
    private void assertRecipe(String command) throws Exception {
        String snap = Repo.path("examples/double-nat").toString();
        String c = command.replace("/opt/ops-toolkit", Repo.root().toString())
                .replace(" fw1", " --snapshot " + snap)
                .replace("/var/lib/prometheus/node-exporter/", tmp + "/").replace("/var/lib/ops/", tmp + "/");
        Process p = new ProcessBuilder("sh", "-c", c).directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> { try { return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8); } catch (java.io.IOException e) { return e.toString(); } });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(2, p.waitFor(), c + "\n" + out + err.join());
        Matcher o = Pattern.compile(" (?:-o|--output) (\\S+)").matcher(c);
        String written = o.find() ? Files.readString(Path.of(o.group(1))) : out;
        if (c.contains("--format prometheus")) {
            assertTrue(written.contains("\nops_route_audit_status{target=\"" + snap + "\"} 2\n"), written);
            if (Promtool.present()) assertNull(Promtool.checkMetrics(Path.of(o.group(1))));
        } else if (c.contains("--json")) {
            assertTrue(written.startsWith("{") && written.contains("\"status\""), written);
        } else if (c.contains("--format nagios")) {
            assertTrue(written.startsWith("ROUTE-AUDIT CRITICAL - EDGE2_VPNV4: "), written);
        } else {
            assertTrue(written.startsWith("route-audit " + snap + ": CRITICAL"), written);
        }
    }
}
