package ops.lab;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import ops.json.Json;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * route-audit LIVE over SSH against the lab (firewall and edges as ssh targets through the
 * lab's ssh_config): every path's verdict is the scenario's ground truth, and what it saved
 * with --save-snapshot audits to the same report offline.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabLiveAuditTest {
    @TestFactory
    Stream<DynamicTest> liveAuditEqualsTheGroundTruthAndItsSnapshot() {
        return Scenario.all().stream().map(s -> dynamicTest(s.name() + ": live route-audit", () -> {
            LabGroundTruthTest.assumeLab();
            Lab.ensure(s.name());
            Path saved = Files.createTempDirectory("lab-live-" + s.name());
            List<String> args = new ArrayList<>(List.of("fw", "-F", Lab.sshConfig().toString(), "--json", "--save-snapshot", saved.toString()));
            args.addAll(List.of(LabNetwork.edgeArgs(s)));
            ScriptRun live = ScriptRun.of("RouteAudit", args.toArray(String[]::new));
            assertTrue(live.exit() <= 2, () -> "exit " + live.exit() + ": " + live.err());
            JsonNode report = Json.parse("live", live.out(), "route-audit --json");
            for (Scenario.LabPath path : s.paths()) {
                JsonNode row = null;
                for (JsonNode r : report.get("paths")) {
                    if (r.get("gateway").asText().equals(path.gateway()) && r.get("service").asText().equals(path.service())) row = r;
                }
                assertNotNull(row, () -> s.name() + ": no row for " + path + " in " + live.out());
                assertEquals(s.expected(path).name(), row.get("verdict").asText(), s.name() + ", " + path);
            }
            ScriptRun offline = ScriptRun.of("RouteAudit", "--snapshot", saved.toString(), "--json");
            assertEquals(live.exit(), offline.exit());
            // the same report but for where it came from: the target, the file names in notes, and which host each edge was read from
            assertEquals(ops.support.LiveReports.withoutEdges(live.out()).replace("\"fw\"", "\"T\"").replace("fw/", "T/"),
                    offline.out().replace("\"" + saved + "\"", "\"T\"").replace(saved + "/", "T/"),
                    "--save-snapshot then --snapshot gives the same report");
        }));
    }

    @AfterAll
    static void down() {
        Lab.down();
    }
}
