///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DESCRIPTION Masquerade on or off for one pfSense gateway's edge (and optionally pfSense outbound NAT), planned, interlocked, verified, undoable. Example: nat-toggle fw1 EDGE2_VPNV4 off --dry-run

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import ops.change.StateDir;
import ops.cli.ChangeOptions;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.change.Confirm;
import ops.base.OpsException;
import ops.cli.SshOptions;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "nat-toggle",
        description = {"Turns masquerade on or off for one pfSense gateway: exactly the edge's rule that masquerades traffic "
                + "into the tunnel (iptables or nftables), persisted the way the edge persists its rules, and with "
                + "--firewall-nat pfSense's outbound NAT for that interface.",
                "Refuses `off` when replies to real client IPs would leave by another gateway (triangular), or when a "
                        + "second real-IP gateway would lack reply-to; --force overrides. Every change is recorded for `undo`."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:applied, or already so (nothing to do)", "2:refused by a check, or not confirmed",
                "3:could not run: bad usage, unreachable host, unknown gateway..."},
        footer = {"%nExamples:", "  nat-toggle fw1 EDGE2_VPNV4 status", "  nat-toggle fw1 EDGE2_VPNV4 off --dry-run",
                "  nat-toggle fw1 EDGE2_VPNV4 off --yes --edge EDGE2_VPNV4=edge2", "  nat-toggle fw1 EDGE2_VPNV4 undo",
                "%nChange records: $OPS_STATE_DIR, else $XDG_STATE_HOME/ops, else ~/.local/state/ops (0700)."})
class NatToggleCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "FIREWALL", description = "The firewall, as route-audit names it (inventory name, ssh alias or [user@]host[:port]).")
    String firewall;

    @Parameters(index = "1", paramLabel = "GATEWAY", description = "The pfSense gateway whose edge to change, e.g. EDGE2_VPNV4.")
    String gateway;

    @Parameters(index = "2", paramLabel = "ACTION", description = "off, on, status or undo.")
    String action;

    @Option(names = "--edge", paramLabel = "GATEWAY=HOST", description = "The edge host behind a gateway (repeatable; wins over the inventory and over discovery from config.xml).")
    Map<String, String> edges = new LinkedHashMap<>();

    @Option(names = "--firewall-nat", description = "Also change pfSense's outbound NAT for the gateway's interface (hybrid/advanced modes only).")
    boolean firewallNat;

    @Mixin ChangeOptions change;

    @Mixin SshOptions ssh;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        NatToggle.Action a;
        try {
            a = NatToggle.Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OpsException("unknown action '" + action + "'; use off, on, status or undo");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (LiveNetwork net = new LiveNetwork(firewall, edges, ssh.inventory(), ssh.discover(), ssh.settings(), Cli.warnings(spec))
                .reportsItself(gateway)) {
            return new NatToggle(net, StateDir.standard(), out, Confirm.standard(change.yes))
                    .run(new NatToggle.Request(gateway, a, firewallNat, change.dryRun, change.force));
        } finally {
            out.flush();
        }
    }

    public static void main(String... args) {
        if (ops.cli.Warmup.live(args)) ops.cli.Warmup.start(); // overlaps class loading with the network waits
        System.exit(Cli.run(new NatToggleCommand(), args));
    }
}
