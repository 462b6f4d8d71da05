package ops.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.PathRow;
import ops.model.TopologyBuilder;
import ops.snapshot.Snapshot;
import ops.snapshot.SnapshotDir;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Tag;

/**
 * route-audit against the lab: a snapshot collected with plain OpenSSH (exactly the commands a
 * user would run on pfSense and on the edges), analyzed in-process; its verdict for every path
 * must be the scenario's ground truth (which LabGroundTruthTest measures with real packets),
 * and its findings the scenario's.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabRouteAuditTest {
    private static final Map<String, AuditResult> audits = new HashMap<>();

    @TestFactory
    Stream<DynamicContainer> predictionsEqualTheGroundTruth() {
        return Scenario.all().stream().map(s -> dynamicContainer(s.name() + ": " + s.description(), Stream.concat(
                s.paths().stream().map(path -> dynamicTest(s.name() + ": " + path + " is predicted " + s.expected(path), () -> {
                    AuditResult a = audit(s);
                    PathRow row = a.paths().stream()
                            .filter(r -> r.gateway().equals(path.gateway()) && r.service().equals(path.service()))
                            .findFirst().orElse(null);
                    String actual = row == null ? "no such path" : row.verdict() + " (server sees " + row.serverSees() + ")";
                    assertEquals(expectedRow(s, path), actual, () -> s.name() + ", " + path + ": " + row);
                })),
                Stream.of(dynamicTest(s.name() + ": the HTML report loads in Chromium with every path's arrows and labels", () -> {
                    AuditResult a = audit(s);
                    org.jsoup.nodes.Document dom = ops.support.ReportInBrowser.check(ops.report.Reports.render(new ops.report.AuditReport(a),
                            ops.report.Format.html, System.currentTimeMillis() / 1000), ops.report.html.Scene.of(a), 0);
                    assertEquals(s.paths().size(), dom.select("svg.diagram g.box.server").size(), "one server box per path");
                }), dynamicTest(s.name() + ": findings are " + s.findings(), () -> {
                    AuditResult a = audit(s);
                    Set<String> codes = a.findings().stream().map(f -> f.code().id).collect(Collectors.toCollection(TreeSet::new));
                    assertEquals(s.findings(), codes, () -> a.findings().stream()
                            .map(f -> f.code().id + " " + f.message()).collect(Collectors.joining("\n")));
                })))));
    }

    /** Verdict plus what the server sees (or would): the edge's tunnel address where it masquerades, else the client's. */
    private static String expectedRow(Scenario s, Scenario.LabPath path) {
        return s.expected(path) + " (server sees " + (s.masquerades(path.edge()) ? path.edgeTunnelIp() : "client") + ")";
    }

    private static synchronized AuditResult audit(Scenario s) {
        LabGroundTruthTest.assumeLab();
        AuditResult a = audits.get(s.name());
        if (a == null) {
            Lab.ensure(s.name());
            Path dir = collect(s);
            a = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(dir)));
            audits.put(s.name(), a);
        }
        return a;
    }

    /** The snapshot folder, filled the way a user would: ssh + the firewall's and edges' own commands. */
    static Path collect(Scenario s) {
        try {
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "opslab-snapshots", s.name());
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir.resolve(Snapshot.EDGES));
            write(dir, Snapshot.CONFIG, Lab.ssh("fw", "cat /conf/config.xml"));
            write(dir, Snapshot.ROUTES, Lab.ssh("fw", "netstat -rn"));
            // which address is whose, with each tunnel's peer (Snapshot.IFCONFIG once lib/ reads it; ignored until then)
            write(dir, Snapshot.IFCONFIG, Lab.ssh("fw", "ifconfig -a"));
            write(dir, Snapshot.GATEWAY_STATUS, Lab.ssh("fw", "pfSsh.php playback gatewaystatus"));
            write(dir, Snapshot.PF_RULES, Lab.ssh("fw", "pfctl -sr"));
            write(dir, Snapshot.ROUTERS, Lab.ssh("fw", "grep -H . /tmp/*_router"));
            for (String e : Scenario.EDGES) {
                String gw = s.tunnel(e).gateway();
                if (s.nat(e).equals("nft")) {
                    write(dir, Snapshot.EDGES + "/" + gw + Snapshot.NFT, Lab.ssh(e, "nft -j list ruleset"));
                } else {
                    write(dir, Snapshot.EDGES + "/" + gw + Snapshot.IPTABLES, Lab.ssh(e, "iptables-save"));
                }
                write(dir, Snapshot.EDGES + "/" + gw + Snapshot.ADDR, Lab.ssh(e, "ip -j addr"));
                write(dir, Snapshot.EDGES + "/" + gw + Snapshot.EDGE_ROUTES, Lab.ssh(e, "ip -j route"));
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path dir, String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    @AfterAll
    static void down() {
        audits.clear();
        Lab.down();
    }
}
