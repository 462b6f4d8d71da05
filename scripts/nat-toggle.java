///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// the shared lib, compiled once for all scripts
//SOURCES ../lib/OpsLibDep.java
// javac stops at C1: a one-shot compile costs half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DESCRIPTION Masquerade on or off for one pfSense gateway's edge (and optionally pfSense outbound NAT), planned, interlocked, verified, undoable. Example: nat-toggle fw1 EDGE2_VPNV4 off --dry-run

import java.io.PrintWriter;
import ops.change.Confirm;
import ops.change.StateDir;
import ops.cli.ChangeOptions;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.cli.Target;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "nat-toggle",
        description = {"Turns masquerade on or off for one pfSense gateway: exactly the edge's rule that masquerades traffic "
                + "into the tunnel (iptables or nftables), persisted the way the edge persists its rules, and with "
                + "--firewall-nat pfSense's outbound NAT for that interface.",
                "Refuses `off` when replies to real client IPs would leave by another gateway (triangular), when a "
                        + "second real-IP gateway would lack reply-to, or when it would cut this very SSH session (how the firewall "
                        + "sees it is shown first); --force overrides. Every change is recorded for `undo`.",
                "Each ACTION has its own help: nat-toggle FIREWALL GATEWAY ACTION --help."},
        synopsisSubcommandLabel = "ACTION",
        commandListHeading = "%nActions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:applied, or already so (nothing to do)", "2:refused by a check, or not confirmed",
                "3:could not run: bad usage, unreachable host, unknown gateway..."},
        footer = {"%nExamples:", "  nat-toggle fw1 EDGE2_VPNV4 status", "  nat-toggle fw1 EDGE2_VPNV4 off --dry-run",
                "  nat-toggle fw1 EDGE2_VPNV4 off --yes --edge EDGE2_VPNV4=edge2", "  nat-toggle fw1 EDGE2_VPNV4 undo",
                "%nChange records: $OPS_STATE_DIR, else $XDG_STATE_HOME/ops, else ~/.local/state/ops (0700)."})
class NatToggleCommand {
    @Mixin CommonOptions common;

    @Parameters(index = "1", paramLabel = "GATEWAY", description = "The pfSense gateway whose edge to change, e.g. EDGE2_VPNV4.")
    String gateway;

    @Option(names = "--firewall-nat", scope = ScopeType.INHERIT,
            description = "Also change pfSense's outbound NAT for the gateway's interface (hybrid/advanced modes only).")
    boolean firewallNat;

    @Mixin ChangeOptions change;

    @Mixin Target.Firewall target;

    @Spec CommandSpec spec;

    @Command(name = "off", description = {"Stops the edge masquerading into the tunnel, so that the server sees the real client IP "
            + "(with --firewall-nat, pfSense's outbound NAT for the interface likewise).",
            "Shows how you reach the firewall, the plan and the paths now and after; refuses when replies would leave by another "
                    + "gateway (triangular), a second real-IP gateway would lack reply-to, or this very session would be cut (--force overrides)."},
            footer = {"%nExamples:", "  nat-toggle fw1 EDGE2_VPNV4 off --dry-run", "  nat-toggle fw1 EDGE2_VPNV4 off --dry-run --show-commands",
                    "  nat-toggle fw1 EDGE2_VPNV4 off --yes --edge EDGE2_VPNV4=edge2"})
    int off() {
        return toggle(NatToggle.Action.OFF);
    }

    @Command(name = "on", description = {"Makes the edge masquerade into the tunnel: the server sees the edge's tunnel address "
            + "and replies come back the way they went (with --firewall-nat, pfSense's outbound NAT for the interface likewise).",
            "Shows the plan and the paths now and after, then applies when confirmed."},
            footer = {"%nExamples:", "  nat-toggle fw1 EDGE2_VPNV4 on --dry-run", "  nat-toggle fw1 EDGE2_VPNV4 on --yes --firewall-nat"})
    int on() {
        return toggle(NatToggle.Action.ON);
    }

    @Command(name = "status", description = "Shows, changing nothing, whether the edge masquerades into the tunnel, how it persists its "
            + "rules, pfSense's outbound NAT for the interface and the paths through the gateway.",
            footer = {"%nExamples:", "  nat-toggle fw1 EDGE2_VPNV4 status", "  nat-toggle fw1 EDGE2_VPNV4 status --edge EDGE2_VPNV4=edge2"})
    int status() {
        return toggle(NatToggle.Action.STATUS);
    }

    @Command(name = "undo", description = "Reverts the latest recorded nat-toggle change of the gateway, from its record (refused when "
            + "the edge's NAT rules changed since; --force overrides).",
            footer = {"%nExamples:", "  nat-toggle fw1 EDGE2_VPNV4 undo --dry-run", "  nat-toggle fw1 EDGE2_VPNV4 undo --yes"})
    int undo() {
        return toggle(NatToggle.Action.UNDO);
    }

    /** What the command line asks for, as nat-toggle's logic takes it. */
    NatToggle.Request request(NatToggle.Action action) {
        return new NatToggle.Request(gateway, action, firewallNat, change.dryRun, change.force);
    }

    private int toggle(NatToggle.Action action) {
        PrintWriter out = spec.commandLine().getOut();
        try (LiveNetwork net = target.network(Cli.warnings(spec)).reportsItself(gateway)) {
            return new NatToggle(net, StateDir.standard(), out, Confirm.standard(change.yes), change.showCommands).run(request(action));
        } finally {
            out.flush();
        }
    }

    public static void main(String... args) {
        System.exit(Cli.run(new NatToggleCommand(), args));
    }
}
