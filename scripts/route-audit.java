///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// the shared lib, compiled once for all scripts
//SOURCES ../lib/OpsLibDep.java
// javac stops at C1: a one-shot compile costs half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DESCRIPTION Audit a pfSense firewall behind VPN edges: does each published path keep the client IP, and do replies return the same way? Examples: route-audit fw1; route-audit fw1 --edge EDGE1_VPNV4=edge1; route-audit --snapshot examples/double-nat

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import ops.audit.AuditResult;
import ops.audit.Analyzer;
import ops.audit.Code;
import ops.audit.FleetOutcome;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.base.ExitStatus;
import ops.base.OpsException;
import ops.cli.OutputOptions;
import ops.cli.Target;
import ops.inventory.InventoryWriter;
import ops.live.Fleet;
import ops.live.LiveRead;
import ops.report.AuditReport;
import ops.report.FleetReport;
import ops.model.TopologyBuilder;
import ops.report.Reports;
import ops.snapshot.Snapshot;
import ops.snapshot.SnapshotDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "route-audit",
        description = {"Predicts, for every path published through a VPN edge, whether the server sees the real "
                + "client IP and whether replies leave by the same gateway (no triangular routing).",
                "Reads the firewall and the edge behind each gateway over SSH, or a snapshot folder. Each gateway's edge is the "
                        + "host --edge or the inventory names (docs/inventory.md), else the one the firewall's config.xml points to "
                        + "(the OpenVPN client's server, the WireGuard peer's endpoint) as your ssh_config's Host with that HostName, "
                        + "else that address itself. A snapshot folder holds: config.xml, routes.txt (netstat -rnW), ifconfig.txt (ifconfig -a), "
                        + "optional gateway-status.txt, pf-rules.txt, routers.txt and edges/GATEWAY.iptables|.nft.json|.addr.json."},
        footer = {"%nExamples:", "  route-audit fw1", "  route-audit fw1 --write-inventory ~/.config/ops/ops.toml",
                "  route-audit fw1 --edge EDGE1_VPNV4=edge1 --edge EDGE2_VPNV4=ops@203.0.113.12",
                "  route-audit fw1 --save-snapshot /var/tmp/fw1-snap", "  route-audit --all --parallel 16 --format nagios", "  route-audit --snapshot examples/double-nat",
                "  route-audit --snapshot DIR --format nagios", "  route-audit --snapshot DIR --format prometheus -o /var/lib/node_exporter/route_audit.prom",
                "%nFindings are explained in docs/findings.md."})
class RouteAudit implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "16",
            description = "Audit at most N firewalls at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--snapshot", paramLabel = "DIR",
            description = "Audit the files in DIR instead of a live firewall.")
    Path snapshot;

    @Option(names = "--save-snapshot", paramLabel = "DIR",
            description = "Also write what was read to DIR (a snapshot folder that --snapshot audits later).")
    Path saveSnapshot;

    @Option(names = "--write-inventory", paramLabel = "FILE",
            description = "Also write the edges this live run read (named or discovered, each with its reason) as an inventory to FILE "
                    + "(TOML, docs/inventory.md), so that later runs read that fixed mapping with --inventory FILE.")
    Path writeInventory;

    @Option(names = "--ignore", paramLabel = "CODE",
            description = "Accept a finding: its code (RA109) or name (pass-rule-without-reply-to). Ignored findings are still listed, "
                    + "but leave the status and the exit code. Repeatable; a firewall's inventory entry can add ignore = [\"RA109\"].")
    List<String> ignore = new ArrayList<>();

    @Mixin Target.Firewalls target;

    @Mixin OutputOptions output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        ops.base.Trace.mark("arguments parsed");
        boolean live = target.live();
        if (live == (snapshot != null)) {
            throw new ParameterException(spec.commandLine(), "name either a FIREWALL to read over SSH (or --all) or --snapshot DIR (exactly one)");
        }
        if (snapshot != null && !target.edges().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--edge needs a live FIREWALL; a snapshot's edges are its edges/ files");
        }
        if (parallel < 1) throw new ParameterException(spec.commandLine(), "--parallel " + parallel + ": give at least 1");
        if (writeInventory != null && (!live || target.isFleet())) {
            throw new ParameterException(spec.commandLine(), "--write-inventory writes what one live FIREWALL's audit read; name exactly one FIREWALL");
        }
        ops.report.Format format = output.format();
        List<Code> accepted = ignore.stream().map(Code::parse).toList();
        long now = System.currentTimeMillis() / 1000;
        if (target.isFleet()) return fleet(format, accepted, now);
        String name = live ? target.names().get(0) : snapshot.toString();
        AuditResult result;
        try {
            LiveRead liveRead = live ? target.read(Cli.warnings(spec)) : null;
            Snapshot read = live ? liveRead.snapshot() : SnapshotDir.read(snapshot);
            if (saveSnapshot != null) SnapshotDir.write(saveSnapshot, read);
            ops.base.Trace.mark("all hosts read");
            result = Analyzer.analyze(TopologyBuilder.build(read)).ignoring(accepted);
            ops.base.Trace.mark("analyzed");
            if (live) {
                result = result.withEdges(liveRead.edges()).ignoring(liveRead.target().ignore()).forFirewall(name, target.edges());
                // text and JSON reports say it under Edges; the monitoring formats have no room for it
                if (format == ops.report.Format.nagios || format == ops.report.Format.prometheus) {
                    liveRead.problems().forEach(p -> Cli.warnings(spec).accept("warning: " + p));
                }
                if (writeInventory != null) {
                    InventoryWriter.write(writeInventory, liveRead.target().name(), liveRead.target().ssh(), liveRead.edges());
                }
            }
        } catch (OpsException e) {
            String failure = Reports.failure(AuditReport.failed(name, e.getMessage()), format, now);
            if (failure != null) output.emit(failure, spec.commandLine().getOut());
            throw e;
        }
        if (!(output.quiet && result.status() == ExitStatus.OK)) {
            output.emit(Reports.render(new AuditReport(result), format, now, output.colour(format)), spec.commandLine().getOut());
        }
        return result.status().code;
    }

    /** Many firewalls: each audited as alone, at most --parallel at once; the exit code is the worst. */
    private int fleet(ops.report.Format format, List<Code> accepted, long now) {
        Fleet fleet = target.fleet(Cli.warnings(spec));
        List<String> names = target.all() ? fleet.allFirewalls() : target.names();
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = System.console() != null && !output.quiet;
        List<FleetOutcome> outcomes = fleet.audit(names, target.edges(), accepted, parallel, java.util.Optional.ofNullable(saveSnapshot), line -> {
            if (tty) {
                synchronized (err) {
                    err.print("\r\u001b[Kroute-audit: " + line);
                    err.flush();
                }
            }
        });
        if (tty) {
            err.print("\r\u001b[K");
            err.flush();
        }
        if (format == ops.report.Format.nagios || format == ops.report.Format.prometheus) { // no Edges section there
            for (FleetOutcome o : outcomes) {
                o.audit().ifPresent(a -> a.edges().stream().filter(e -> e.problem().isPresent())
                        .forEach(e -> Cli.warnings(spec).accept("warning: " + o.firewall() + ": " + e.problem().get())));
            }
        }
        FleetReport report = new FleetReport(outcomes);
        ExitStatus status = report.status();
        if (!(output.quiet && status == ExitStatus.OK)) output.emit(Reports.render(report, format, now, output.colour(format)), spec.commandLine().getOut());
        return status.code;
    }

    public static void main(String... args) {
        ops.base.Trace.mark("main");
        int code = Cli.run(new RouteAudit(), args);
        ops.base.Trace.mark("done");
        System.exit(code);
    }
}
