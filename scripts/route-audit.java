///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//DESCRIPTION Audit a pfSense firewall behind VPN edges: does each published path keep the client IP, and do replies return the same way? Example: route-audit --snapshot examples/double-nat

import java.nio.file.Path;
import java.util.concurrent.Callable;
import ops.audit.AuditResult;
import ops.audit.Analyzer;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.cli.ExitStatus;
import ops.cli.OpsException;
import ops.cli.OutputOptions;
import ops.model.TopologyBuilder;
import ops.report.Reports;
import ops.snapshot.SnapshotDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "route-audit",
        description = {"Predicts, for every path published through a VPN edge, whether the server sees the real "
                + "client IP and whether replies leave by the same gateway (no triangular routing).",
                "Reads a snapshot folder: config.xml, routes.txt (netstat -rn), optional gateway-status.txt, "
                        + "pf-rules.txt, routers.txt and edges/GATEWAY.iptables|.nft.json|.addr.json."},
        footer = {"%nExamples:", "  route-audit --snapshot examples/double-nat",
                "  route-audit --snapshot DIR --format nagios", "  route-audit --snapshot DIR --format prometheus -o /var/lib/node_exporter/route_audit.prom",
                "%nFindings are explained in docs/findings.md."})
class RouteAudit implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--snapshot", paramLabel = "DIR", required = true,
            description = "Audit the files in DIR instead of a live firewall.")
    Path snapshot;

    @Mixin OutputOptions output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        OutputOptions.Format format = output.format();
        long now = System.currentTimeMillis() / 1000;
        AuditResult result;
        try {
            result = Analyzer.analyze(TopologyBuilder.build(SnapshotDir.read(snapshot)));
        } catch (OpsException e) {
            String failure = Reports.failure(snapshot.toString(), e.getMessage(), format, now);
            if (failure != null) output.emit(failure, spec.commandLine().getOut());
            throw e;
        }
        if (!(output.quiet && result.status() == ExitStatus.OK)) {
            output.emit(Reports.render(result, format, now), spec.commandLine().getOut());
        }
        return result.status().code;
    }

    public static void main(String... args) {
        System.exit(Cli.run(new RouteAudit(), args));
    }
}
