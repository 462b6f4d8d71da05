///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DESCRIPTION Show or set pfSense's default IPv4 gateway, with commit-confirmed auto-revert armed on the firewall. Example: default-route fw1 set EDGE2_VPNV4 --dry-run

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import ops.change.StateDir;
import ops.cli.ChangeOptions;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.change.Confirm;
import ops.base.OpsException;
import ops.cli.SshOptions;
import ops.defaultgw.DefaultRoute;
import ops.live.LiveNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "default-route",
        description = {"show: the configured default gateway (defaultgw4, a group, or automatic), the live default route, "
                + "whether they agree, the gateway's status and every path under it.",
                "set GATEWAY: checks the gateway (exists, IPv4, up), shows before/after, arms a revert ON THE FIREWALL that fires "
                        + "after --confirm-within seconds, applies through pfSense's own functions, then proves the firewall is "
                        + "reachable over a NEW connection and confirms. If it is not, the firewall reverts by itself.",
                "confirm / rollback: by hand, for the latest change."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown, applied and confirmed, or already so", "2:refused by a check, not confirmed, or left to revert",
                "3:could not run: bad usage, unreachable host, unknown gateway..."},
        footer = {"%nExamples:", "  default-route fw1 show", "  default-route fw1 set EDGE2_VPNV4 --dry-run",
                "  default-route fw1 set EDGE2_VPNV4 --yes --confirm-within 60", "  default-route fw1 rollback"})
class DefaultRouteCommand implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Parameters(index = "0", paramLabel = "FIREWALL", description = "The firewall, as route-audit names it.")
    String firewall;

    @Parameters(index = "1", paramLabel = "ACTION", description = "show, set, confirm or rollback.")
    String action;

    @Parameters(index = "2", arity = "0..1", paramLabel = "GATEWAY", description = "For set: a gateway or gateway-group name.")
    String gateway;

    @Option(names = "--confirm-within", paramLabel = "SECONDS", defaultValue = "120",
            description = "Revert by itself unless confirmed within SECONDS (default: ${DEFAULT-VALUE}).")
    int confirmWithin;

    @Option(names = "--no-confirm", description = "Skip the auto-revert safety net (a warning says what that means).")
    boolean noConfirm;

    @Option(names = "--edge", paramLabel = "GATEWAY=HOST", description = "The edge host behind a gateway, to show paths with the edges' NAT (repeatable; wins over the inventory and over discovery from config.xml).")
    Map<String, String> edges = new LinkedHashMap<>();

    @Mixin ChangeOptions change;

    @Mixin SshOptions ssh;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        if (!action.equals("set") && gateway != null) throw new OpsException(action + " takes no GATEWAY; did you mean `set " + gateway + "`?");
        if (action.equals("set") && gateway == null) throw new OpsException("set needs a GATEWAY, e.g. `default-route " + firewall + " set EDGE2_VPNV4`");
        if (confirmWithin < 20 || confirmWithin > 3600) throw new OpsException("--confirm-within " + confirmWithin + ": give 20 to 3600 seconds");
        PrintWriter out = spec.commandLine().getOut();
        try (LiveNetwork net = new LiveNetwork(firewall, edges, ssh.inventory(), ssh.discover(), ssh.settings(), Cli.warnings(spec))) {
            DefaultRoute dr = new DefaultRoute(net, StateDir.standard(), out, Confirm.standard(change.yes));
            return switch (action) {
                case "show" -> dr.show();
                case "set" -> dr.set(new DefaultRoute.SetRequest(gateway, change.dryRun, change.force, noConfirm, confirmWithin));
                case "confirm" -> dr.confirmLatest();
                case "rollback" -> dr.rollback(change.dryRun);
                default -> throw new OpsException("unknown action '" + action + "'; use show, set GATEWAY, confirm or rollback");
            };
        } finally {
            out.flush();
        }
    }

    public static void main(String... args) {
        if (ops.cli.Warmup.live(args)) ops.cli.Warmup.start(); // overlaps class loading with the network waits
        System.exit(Cli.run(new DefaultRouteCommand(), args));
    }
}
