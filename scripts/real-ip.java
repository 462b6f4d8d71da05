///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
// the shared lib, compiled once for all scripts
//SOURCES ../lib/OpsLibDep.java
// javac stops at C1: a one-shot compile costs half the CPU
//COMPILE_OPTIONS -J-XX:TieredStopAtLevel=1 -encoding UTF-8
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -Xlog:cds=off -Xlog:cds+dynamic=off
//CDS
//DESCRIPTION Make one gateway the real-client-IP gateway in one safe change: the others masquerade where needed, the default route moves to it, then it stops masquerading; one plan, one confirmation window, one undo. Example: real-ip fw1 set EDGE2_VPNV4 --dry-run

import java.io.PrintWriter;
import java.net.URI;
import java.util.Optional;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import ops.base.OpsException;
import ops.change.Confirm;
import ops.change.StateDir;
import ops.cli.ChangeOptions;
import ops.cli.Cli;
import ops.cli.CommonOptions;
import ops.cli.Target;
import ops.live.LiveNetwork;
import ops.net.IpAddress;
import ops.probe.SourceIpCheck;
import ops.realip.RealIp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "real-ip",
        description = {"Makes one gateway the gateway whose connections keep the real client IP, the fix from the field as one change: "
                + "every other gateway whose replies would go astray masquerades first, the default route moves to the gateway while it "
                + "still masquerades, then its edge stops masquerading. Every state on the way is predicted and verified; a step that "
                + "would break a path is refused.",
                "One confirmation window covers it all: unless confirmed over new connections, reverts armed on the firewall and the "
                        + "edges put everything back by themselves, in the safe order. `undo` reverses it.",
                "Each ACTION has its own help: real-ip FIREWALL ACTION --help."},
        synopsisSubcommandLabel = "ACTION",
        commandListHeading = "%nActions:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown, applied and confirmed, or already so", "2:refused by a check, not confirmed, or reverted",
                "3:could not run: bad usage, unreachable host, unknown gateway..."},
        footer = {"%nExamples:", "  real-ip fw1 status", "  real-ip fw1 set EDGE2_VPNV4 --dry-run",
                "  real-ip fw1 set EDGE2_VPNV4 --yes --edge EDGE1_VPNV4=edge1 --edge EDGE2_VPNV4=edge2", "  real-ip fw1 undo",
                "%nChange records: $OPS_STATE_DIR, else $XDG_STATE_HOME/ops, else ~/.local/state/ops (0700)."})
class RealIpCommand {
    @Mixin CommonOptions common;

    @Option(names = "--confirm-within", paramLabel = "SECONDS", defaultValue = "120", scope = ScopeType.INHERIT,
            description = "The first armed revert fires after SECONDS unless confirmed (default: ${DEFAULT-VALUE}); the rest follow in the safe order.")
    int confirmWithin;

    @Mixin ChangeOptions change;

    @Mixin Target.Firewall target;

    @Spec CommandSpec spec;

    @Command(name = "status", description = "Shows, changing nothing, which gateway keeps real client IPs, where the default route is, "
            + "each gateway's masquerade and every path.",
            footer = {"%nExamples:", "  real-ip fw1 status", "  real-ip fw1 status --edge EDGE1_VPNV4=edge1"})
    int status() {
        return run(RealIp::status);
    }

    @Command(name = "set", description = {"Makes GATEWAY the one real-IP gateway: shows the plan and the paths after each step, then "
            + "(1) keeps a revert on the firewall (across a reboot too) and arms its timer, (2) turns masquerade on where another gateway's replies would go astray, (3) moves the "
            + "default route to GATEWAY and proves the firewall reachable over a new connection, (4) arms a revert on GATEWAY's edge "
            + "and turns its masquerade off, (5) with --from HOST, probes GATEWAY's paths from HOST and requires the server to see the "
            + "client's own address with replies leaving by GATEWAY, (6) confirms and persists the edges' rules.",
            "A failure puts everything back, and says which state the network is in. The firewall's revert is kept across a reboot "
                    + "(it reverts at boot, as default-route's does).",
            "Refuses (--dry-run too) a step that would cut this very SSH session (how the firewall sees it is shown first); --force overrides."},
            footer = {"%nExamples:", "  real-ip fw1 set EDGE2_VPNV4 --dry-run", "  real-ip fw1 set EDGE2_VPNV4 --dry-run --show-commands",
                    "  real-ip fw1 set EDGE2_VPNV4 --yes --confirm-within 60", "  real-ip fw1 set EDGE2_VPNV4 --yes --from vps1"})
    int set(@Parameters(paramLabel = "GATEWAY", description = "The gateway whose connections should keep the real client IP, e.g. EDGE2_VPNV4.") String gateway,
            @Option(names = "--from", paramLabel = "HOST", description = "After GATEWAY's masquerade is off and before confirming, probe its "
                    + "paths from this SSH target (outside the firewall's network) as source-ip-check --gateway GATEWAY --from HOST does: "
                    + "each must be PRESERVED (the client's own address arrives, the reply leaves by GATEWAY), else everything is put back.") String from,
            @Option(names = "--expect-ip", paramLabel = "IP", description = "With --from: the client address the server should see; default: "
                    + "what the echo page shows HOST, else the address the probes leave from.") String expectIp,
            @Option(names = "--echo-url", paramLabel = "URL", defaultValue = SourceIpCheck.DEFAULT_ECHO, description = "With --from: an IP-echo "
                    + "page (JSON or HTML) HOST asks for its public address (default: ${DEFAULT-VALUE}).") String echoUrl,
            @Option(names = "--no-echo", description = "With --from: ask no echo page; expect the address the probes leave from.") boolean noEcho) {
        if (from == null && (expectIp != null || noEcho || !SourceIpCheck.DEFAULT_ECHO.equals(echoUrl))) {
            throw new ParameterException(spec.commandLine(), "--expect-ip, --echo-url and --no-echo need --from HOST (the vantage that probes)");
        }
        Optional<IpAddress> expected = Optional.ofNullable(expectIp).map(s -> IpAddress.tryParse(s).filter(IpAddress::isV4)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--expect-ip " + s + ": not an IPv4 address")));
        String scheme = URI.create(echoUrl.strip()).getScheme();
        if (!noEcho && !"http".equals(scheme) && !"https".equals(scheme)) {
            throw new ParameterException(spec.commandLine(), "--echo-url " + echoUrl + ": give an http:// or https:// URL");
        }
        return run((r, net) -> r.set(new RealIp.SetRequest(gateway, change.dryRun, change.force, confirmWithin,
                Optional.ofNullable(from).map(f -> new RealIp.Probe(net.host(f), expected, noEcho ? Optional.empty() : Optional.of(echoUrl.strip()))))));
    }

    @Command(name = "confirm", description = "Confirms the latest change by hand: disarms the reverts still armed and persists the edges' rules.",
            footer = {"%nExamples:", "  real-ip fw1 confirm"})
    int confirm() {
        return run(RealIp::confirm);
    }

    @Command(name = "undo", description = "Reverses the latest change in the safe order: the gateway masquerades again, the default route "
            + "goes back, then the other gateways stop masquerading (refused when the gateway's edge rules changed since; --force overrides).",
            footer = {"%nExamples:", "  real-ip fw1 undo --dry-run", "  real-ip fw1 undo --yes"})
    int undo() {
        return run(r -> r.undo(change.dryRun, change.force));
    }

    private int run(ToIntFunction<RealIp> action) {
        return run((r, net) -> action.applyAsInt(r));
    }

    private int run(ToIntBiFunction<RealIp, LiveNetwork> action) {
        if (confirmWithin < 20 || confirmWithin > 3600) throw new OpsException("--confirm-within " + confirmWithin + ": give 20 to 3600 seconds");
        PrintWriter out = spec.commandLine().getOut();
        try (LiveNetwork net = target.network(Cli.warnings(spec))) {
            return action.applyAsInt(new RealIp(net, StateDir.standard(), out, Confirm.standard(change.yes), change.showCommands), net);
        } finally {
            out.flush();
        }
    }

    public static void main(String... args) {
        System.exit(Cli.run(new RealIpCommand(), args));
    }
}
