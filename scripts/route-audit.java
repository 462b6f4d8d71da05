///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//DESCRIPTION Audit a pfSense firewall behind VPN edges: does each published path keep the client IP, and do replies return the same way? Examples: route-audit fw1 --edge EDGE1_VPNV4=edge1; route-audit --snapshot examples/double-nat

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import ops.audit.AuditResult;
import ops.audit.Analyzer;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.cli.ExitStatus;
import ops.cli.OpsException;
import ops.cli.OutputOptions;
import ops.cli.SshOptions;
import ops.live.LiveSnapshots;
import ops.model.TopologyBuilder;
import ops.report.Reports;
import ops.snapshot.Snapshot;
import ops.snapshot.SnapshotDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "route-audit",
        description = {"Predicts, for every path published through a VPN edge, whether the server sees the real "
                + "client IP and whether replies leave by the same gateway (no triangular routing).",
                "Reads the firewall and the edge behind each gateway over SSH (hosts as ssh_config and the inventory "
                        + "name them; see docs/inventory.md), or a snapshot folder: config.xml, routes.txt (netstat -rn), "
                        + "optional gateway-status.txt, pf-rules.txt, routers.txt and edges/GATEWAY.iptables|.nft.json|.addr.json."},
        footer = {"%nExamples:", "  route-audit fw1", "  route-audit fw1 --edge EDGE1_VPNV4=edge1 --edge EDGE2_VPNV4=ops@203.0.113.12",
                "  route-audit fw1 --save-snapshot /var/tmp/fw1-snap", "  route-audit --snapshot examples/double-nat",
                "  route-audit --snapshot DIR --format nagios", "  route-audit --snapshot DIR --format prometheus -o /var/lib/node_exporter/route_audit.prom",
                "%nFindings are explained in docs/findings.md."})
class RouteAudit implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FIREWALL",
            description = "The firewall to read over SSH: an inventory name, an ssh_config alias or [user@]host[:port].")
    String firewall;

    @Option(names = "--edge", paramLabel = "GATEWAY=HOST",
            description = "The edge host behind pfSense gateway GATEWAY (repeatable; adds to or overrides the inventory).")
    Map<String, String> edges = new LinkedHashMap<>();

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Audit the files in DIR instead of a live firewall.")
    Path snapshot;

    @Option(names = "--save-snapshot", paramLabel = "DIR",
            description = "Also write what was read to DIR (a snapshot folder that --snapshot audits later).")
    Path saveSnapshot;

    @Mixin SshOptions ssh;

    @Mixin OutputOptions output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if ((firewall == null) == (snapshot == null)) {
            throw new ParameterException(spec.commandLine(), "name either a FIREWALL to read over SSH or --snapshot DIR (exactly one)");
        }
        if (snapshot != null && !edges.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--edge needs a live FIREWALL; a snapshot's edges are its edges/ files");
        }
        OutputOptions.Format format = output.format();
        long now = System.currentTimeMillis() / 1000;
        String target = firewall != null ? firewall : snapshot.toString();
        AuditResult result;
        try {
            Snapshot read = firewall != null
                    ? LiveSnapshots.read(firewall, edges, ssh.inventory(), ssh.settings(), Cli.warnings(spec))
                    : SnapshotDir.read(snapshot);
            if (saveSnapshot != null) SnapshotDir.write(saveSnapshot, read);
            result = Analyzer.analyze(TopologyBuilder.build(read));
        } catch (OpsException e) {
            String failure = Reports.failure(target, e.getMessage(), format, now);
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
