package ops.report.html;

import java.util.List;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.Finding;
import ops.audit.Landscape;
import ops.audit.PathRow;
import ops.audit.Severity;
import ops.audit.Verdict;
import ops.model.TopologyBuilder;
import ops.snapshot.SnapshotDir;
import ops.support.Repo;

/** The results the HTML tests render: the examples' audits, and one whose names from config.xml are hostile. */
final class HtmlReports {
    private HtmlReports() {}

    /** A gateway description that would be markup, an attribute break-out and a layout breaker if joined into the page. */
    static final String HOSTILE = "<script>alert(\"x\")</script>\" onmouseover='alert(1)' &amp; " + "W".repeat(120);

    static AuditResult example(String name) {
        return Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(Repo.path("examples/" + name))));
    }

    /** examples/double-nat with a pass rule's description in config.xml (which RA109's fix quotes) replaced by {@link #HOSTILE}. */
    static AuditResult hostileConfig(java.nio.file.Path dir) throws java.io.IOException {
        for (String f : List.of("config.xml", "routes.txt", "ifconfig.txt", "gateway-status.txt", "pf-rules.txt", "routers.txt")) {
            java.nio.file.Files.copy(Repo.path("examples/double-nat/" + f), dir.resolve(f));
        }
        java.nio.file.Files.createDirectories(dir.resolve("edges"));
        try (var edges = java.nio.file.Files.list(Repo.path("examples/double-nat/edges"))) {
            for (java.nio.file.Path e : edges.toList()) java.nio.file.Files.copy(e, dir.resolve("edges").resolve(e.getFileName()));
        }
        java.nio.file.Path config = dir.resolve("config.xml");
        String xml = java.nio.file.Files.readString(config);
        if (!xml.contains("HTTP from the edges to the web server")) throw new IllegalStateException("the example's rule changed");
        java.nio.file.Files.writeString(config, xml.replace("HTTP from the edges to the web server", HOSTILE));
        return Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(dir)));
    }

    /** Two gateways, EDGE2's replies leaving by EDGE1; the hostile text as a gateway's name and description and in a finding. */
    static AuditResult hostile() {
        String gw = "E<b>" + HOSTILE;
        Landscape land = new Landscape(List.of(
                new Landscape.Node(gw, HOSTILE, "ovpnc1", "10.8.1.1", List.of("203.0.113.11"), true, false),
                new Landscape.Node("EDGE2_VPNV4", HOSTILE, "ovpnc2", "10.8.2.1", List.of("203.0.113.12"), true, false)),
                gw, gw, List.of(new Landscape.Group("G" + HOSTILE, List.of(List.of(gw), List.of("EDGE2_VPNV4")))));
        List<PathRow> paths = List.of(
                new PathRow(gw, "tcp/80", "-A PREROUTING", "10.8.1.2:80", "192.168.1.10:80", "client", gw, false, HOSTILE, Verdict.PRESERVED, List.of(HOSTILE)),
                new PathRow("EDGE2_VPNV4", "tcp/443", "-A PREROUTING", "10.8.2.2:443", "192.168.1.10:443", "client", gw, false, HOSTILE,
                        Verdict.TRIANGULAR, List.of()));
        List<Finding> findings = List.of(new Finding(Code.values()[0], Severity.CRITICAL, gw, "EDGE2_VPNV4: " + HOSTILE, "fix " + HOSTILE));
        return new AuditResult(HOSTILE, paths, findings, land);
    }
}
