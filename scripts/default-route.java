///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// the shared lib, compiled once for all scripts
//SOURCES ../lib/OpsLibDep.java
// javac stops at C1: a one-shot compile costs half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DESCRIPTION Show or set pfSense's default IPv4 gateway, with commit-confirmed auto-revert armed on the firewall. Example: default-route fw1 set EDGE2_VPNV4 --dry-run

import java.io.PrintWriter;
import java.util.function.ToIntFunction;
import ops.base.OpsException;
import ops.change.Confirm;
import ops.change.StateDir;
import ops.cli.ChangeOptions;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.cli.Target;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "default-route",
        description = {"Shows or sets pfSense's default IPv4 gateway. A change arms a revert ON THE FIREWALL that fires after "
                + "--confirm-within seconds unless a NEW connection proves the firewall is still reachable; confirm and rollback "
                + "act on the latest change by hand.",
                "Each ACTION has its own help: default-route FIREWALL ACTION --help."},
        synopsisSubcommandLabel = "ACTION",
        commandListHeading = "%nActions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown, applied and confirmed, or already so", "2:refused by a check, not confirmed, or left to revert",
                "3:could not run: bad usage, unreachable host, unknown gateway..."},
        footer = {"%nExamples:", "  default-route fw1 show", "  default-route fw1 set EDGE2_VPNV4 --dry-run",
                "  default-route fw1 set EDGE2_VPNV4 --yes --confirm-within 60", "  default-route fw1 rollback"})
class DefaultRouteCommand {
    @Mixin CommonOptions common;

    @Option(names = "--confirm-within", paramLabel = "SECONDS", defaultValue = "120", scope = ScopeType.INHERIT,
            description = "Revert by itself unless confirmed within SECONDS (default: ${DEFAULT-VALUE}).")
    int confirmWithin;

    @Option(names = "--no-confirm", scope = ScopeType.INHERIT, description = "Skip the auto-revert safety net (a warning says what that means).")
    boolean noConfirm;

    @Mixin ChangeOptions change;

    @Mixin Target.Firewall target;

    @Spec CommandSpec spec;

    @Command(name = "show", description = "Shows, changing nothing, the configured default gateway (defaultgw4, a group, or automatic), "
            + "the live default route, whether they agree, the gateway's status and every path under it.",
            footer = {"%nExamples:", "  default-route fw1 show", "  default-route fw1 show --edge EDGE1_VPNV4=edge1"})
    int show() {
        return run(DefaultRoute::show);
    }

    @Command(name = "set", description = {"Makes GATEWAY (a gateway or a gateway group) pfSense's default IPv4 gateway: checks it "
            + "(exists, IPv4, up), shows before/after, arms a revert ON THE FIREWALL that fires after --confirm-within seconds, "
            + "applies through pfSense's own functions, then proves the firewall is reachable over a NEW connection and confirms.",
            "If it is not reachable, the firewall reverts by itself; if it reboots inside the window, it reverts at boot "
                    + "(a hook in /usr/local/etc/rc.d, the revert in /cf/conf/ops-default-route; show tells it).",
            "Refuses (--dry-run too) a default that turns a working path TRIANGULAR or BLOCKED, or that cuts this very SSH session "
                    + "(how the firewall sees it is shown first); --force overrides."},
            footer = {"%nExamples:", "  default-route fw1 set EDGE2_VPNV4 --dry-run", "  default-route fw1 set EDGE2_VPNV4 --dry-run --show-commands",
                    "  default-route fw1 set EDGE2_VPNV4 --yes --confirm-within 60",
                    "  default-route fw1 set FAILOVER --yes"})
    int set(@Parameters(paramLabel = "GATEWAY", description = "A gateway or gateway-group name.") String gateway) {
        return run(dr -> dr.set(request(gateway)));
    }

    @Command(name = "confirm", description = "Confirms the latest change by hand: disarms the revert waiting on the firewall, "
            + "so that the new default gateway stays.",
            footer = {"%nExamples:", "  default-route fw1 confirm"})
    int confirm() {
        return run(DefaultRoute::confirmLatest);
    }

    @Command(name = "rollback", description = "Restores, now, the default gateway from before the latest change.",
            footer = {"%nExamples:", "  default-route fw1 rollback --dry-run", "  default-route fw1 rollback --yes"})
    int rollback() {
        return run(dr -> dr.rollback(change.dryRun));
    }

    /** What `set GATEWAY` asks for, as default-route's logic takes it. */
    DefaultRoute.SetRequest request(String gateway) {
        return new DefaultRoute.SetRequest(gateway, change.dryRun, change.force, noConfirm, confirmWithin);
    }

    private int run(ToIntFunction<DefaultRoute> action) {
        if (confirmWithin < 20 || confirmWithin > 3600) throw new OpsException("--confirm-within " + confirmWithin + ": give 20 to 3600 seconds");
        PrintWriter out = spec.commandLine().getOut();
        try (LiveNetwork net = target.network(Cli.warnings(spec))) {
            return action.applyAsInt(new DefaultRoute(net, StateDir.standard(), out, Confirm.standard(change.yes), change.showCommands));
        } finally {
            out.flush();
        }
    }

    public static void main(String... args) {
        System.exit(Cli.run(new DefaultRouteCommand(), args));
    }
}
