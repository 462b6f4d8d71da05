package ops.defaultgw;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ops.audit.AdminPath;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.PathRow;
import ops.audit.PathsMadeWorse;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Confirm;
import ops.change.Executor;
import ops.change.Journal;
import ops.change.Outcome;
import ops.change.Plan;
import ops.change.StateDir;
import ops.change.Status;
import ops.model.DefaultGateway;
import ops.model.Gateway;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.net.IpAddress;
import ops.net.Prefix;
import ops.pfsense.PfSenseConfig.GatewayGroup;
import ops.remote.Network;
import ops.report.TextRenderer;
import ops.route.Route;
import ops.route.RoutingTable;

/**
 * pfSense's default IPv4 gateway: show, set with commit-confirmed auto-revert, confirm and
 * rollback by hand. Validates and predicts, shows the plan, and hands it to the executor. Exit codes: 0 applied, confirmed or already so; 2 refused or reverted;
 * 3 could not run.
 */
public final class DefaultRoute {
    public record SetRequest(String target, boolean dryRun, boolean force, boolean noConfirm, int confirmWithinSeconds) {}

    private final Network net;
    private final StateDir state;
    private final PrintWriter out;
    private final Executor executor;
    private final boolean showCommands;

    /** Plans shown in words only. */
    public DefaultRoute(Network net, StateDir state, PrintWriter out, Confirm confirm) {
        this(net, state, out, confirm, false);
    }

    /** @param showCommands plans show the exact commands too (--show-commands) */
    public DefaultRoute(Network net, StateDir state, PrintWriter out, Confirm confirm, boolean showCommands) {
        this.net = net;
        this.state = state;
        this.out = out;
        this.executor = new Executor(out, confirm);
        this.showCommands = showCommands;
    }

    public int show() {
        Topology t = TopologyBuilder.build(net.read());
        DefaultGateway d = t.defaultGateway();
        String live = liveDefault(t);
        out.println("configured default gateway: " + d.describe() + " (" + d.source() + ")");
        out.println("live default route:         " + live);
        List<String> expected = expected(t, d);
        out.println("agree:                      " + (expected.isEmpty() ? "n/a (automatic)" : expected.contains(live) ? "yes" : "NO (expected " + String.join("/", expected) + ")"));
        for (String name : d.kind() == DefaultGateway.Kind.GROUP ? t.group(d.name()).map(g -> g.members().stream().map(GatewayGroup.Member::gateway).toList()).orElse(List.of())
                : d.kind() == DefaultGateway.Kind.GATEWAY ? List.of(d.name()) : List.<String>of()) {
            t.gateway(name).ifPresent(g -> out.println("gateway " + g.name() + ": " + g.addressText() + " on " + g.device() + ", "
                    + (t.statusRead() ? g.isDown() ? "DOWN" : "up" : "status not read")));
        }
        bootReverts().forEach(l -> out.println("reverted at boot:           " + l));
        out.println();
        out.print(TextRenderer.matrix(Analyzer.analyze(t).paths()));
        return 0;
    }

    /** What boots inside a revert window did (BootRevert's reports), until the next change, confirm or rollback takes them. */
    private List<String> bootReverts() {
        try {
            var r = Command.asLogin(BootRevert.reports()).run(net.firewall());
            if (r.ok()) return r.out().strip().lines().filter(l -> !l.isBlank()).toList();
            return List.of("not read (" + r.firstErrorLine() + ")");
        } catch (OpsException e) {
            return List.of("not read (" + e.getMessage() + ")");
        }
    }

    public int set(SetRequest req) {
        return change(req).exitCode();
    }

    private Outcome change(SetRequest req) {
        Topology t = TopologyBuilder.build(net.read());
        DefaultGateway current = t.defaultGateway();
        DefaultGateway wanted = validate(t, req);
        if (current.kind() == wanted.kind() && current.name().equals(wanted.name())) {
            String live = liveDefault(t);
            out.println(net.firewallName() + ": the default gateway is already " + wanted.describe() + "; nothing to change"
                    + (expected(t, wanted).contains(live) ? "" : " (but the live default route is via " + live
                    + ": apply System > Routing, or audit with route-audit)"));
            return Outcome.ALREADY_SO;
        }
        Gateway via = activeGateway(t, wanted);
        Topology predicted = t.withDefault(wanted, withDefaultVia(t.routes(), via));
        AuditResult before = Analyzer.analyze(t), after = Analyzer.analyze(predicted);
        AdminPath admin = AdminPath.locate(t, net.sessionView());
        List<String> refusals = new ArrayList<>();
        admin.cutBy(after, predicted).ifPresent(refusals::add);
        worse(net.firewallName(), before, after).ifPresent(refusals::add);
        DefaultRouteRecord rec = record(t, current, wanted, req);
        String setPhp = DefaultGatewayPhp.set(revision(t), wanted.name(), "ops default-route: default gateway " + wanted.name()
                + " (was " + current.describe() + ")");
        Journal<DefaultRouteRecord> journal = Journal.fresh(state, recordName(rec.id), rec);
        Optional<RevertWindow> window = req.noConfirm() ? Optional.empty() : Optional.of(new RevertWindow(req.confirmWithinSeconds()));
        Plan plan = DefaultRoutePlans.set(net, journal, wanted.describe(), setPhp, via, window);

        out.println("default-route set " + wanted.describe() + " on " + net.firewallName() + ": " + current.describe() + " -> " + wanted.describe());
        out.println(admin.says());
        out.print(plan.render(showCommands));
        out.println("\nPaths now:");
        out.print(TextRenderer.matrix(before.paths()));
        out.println("\nPaths after (predicted):");
        out.print(TextRenderer.matrix(after.paths()));
        after.findings().stream().filter(f -> f.code() == Code.DEFAULT_GATEWAY_GROUP || f.code() == Code.TRIANGULAR_ROUTING)
                .forEach(f -> out.println("warning: " + f.message()));
        if (req.noConfirm()) out.println("warning: --no-confirm: no auto-revert; if this change cuts you off, you fix it at the console");
        out.flush();
        if (!refusals.isEmpty()) {
            if (!req.force()) throw new OpsException("refused: " + String.join("; ", refusals) + " (--force to do it anyway)", null, 2);
            out.println("warning: overriding with --force: " + String.join("; ", refusals)
                    + (window.map(w -> "; if it cuts you off, " + net.firewallName() + " reverts by itself within " + w.seconds() + " s").orElse("")));
            out.flush();
        }

        Outcome o = executor.run(plan, req.dryRun());
        if (req.noConfirm() && (o == Outcome.APPLIED || o == Outcome.NOT_VERIFIED)) {
            if (o == Outcome.APPLIED) out.println("Applied: the live default route is via " + via.name() + ".");
            out.println("Rollback with: default-route " + net.firewallName() + " rollback");
        } else if (o == Outcome.APPLIED) {
            out.println("Confirmed over a new connection: the default gateway is " + wanted.describe() + ". Rollback with: default-route "
                    + net.firewallName() + " rollback");
            out.print(TextRenderer.matrix(Analyzer.analyze(TopologyBuilder.build(net.read())).paths()));
        }
        return o;
    }

    /**
     * Refusal for a default that breaks paths that work now (a non-masquerading edge's replies would
     * leave by the new default): one line with what to do first; empty when nothing gets worse.
     * @param firewall how the user named the firewall, for the commands it suggests
     */
    static Optional<String> worse(String firewall, AuditResult before, AuditResult after) {
        List<PathRow> worse = PathsMadeWorse.between(before, after);
        return PathsMadeWorse.describe(worse).map(what -> {
            List<String> triangular = worse.stream().filter(p -> p.verdict() == Verdict.TRIANGULAR).map(PathRow::gateway).distinct().toList();
            return "it would break paths that work now: " + what + (triangular.isEmpty() ? ""
                    : "; first " + String.join(", ", triangular.stream().map(g -> "`nat-toggle " + ops.text.Shell.quote(firewall) + " " + g + " on`").toList())
                    + ", or pass their traffic with a reply-to rule on their interface tab");
        });
    }

    /** Confirms the latest pending change by hand. */
    public int confirmLatest() {
        Journal<DefaultRouteRecord> journal = latest();
        DefaultRouteRecord rec = journal.record();
        executor.run(DefaultRoutePlans.confirm(net, journal), false);
        out.println("Confirmed " + rec.id + ": the default gateway stays " + rec.chosen + ".");
        return Outcome.APPLIED.exitCode();
    }

    /** Restores the default gateway from before the latest change, now. */
    public int rollback(boolean dryRun) {
        Journal<DefaultRouteRecord> journal = latest();
        DefaultRouteRecord rec = journal.record();
        out.println("default-route rollback of " + rec.id + ": " + rec.chosen + " -> " + rec.previousDescribed);
        if (rec.status == Status.ROLLED_BACK) {
            out.println("already rolled back; nothing to do");
            return Outcome.ALREADY_SO.exitCode();
        }
        Plan plan = DefaultRoutePlans.rollback(net, journal);
        out.print(plan.render(showCommands));
        Outcome o = executor.run(plan, dryRun);
        if (o == Outcome.APPLIED) out.println("Rolled back: the default gateway is " + rec.previousDescribed + " again.");
        return o.exitCode();
    }

    /** The record written before anything changes. */
    private DefaultRouteRecord record(Topology t, DefaultGateway current, DefaultGateway wanted, SetRequest req) {
        DefaultRouteRecord r = new DefaultRouteRecord();
        r.script = "default-route";
        r.id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        r.firewall = net.firewallName();
        r.previous = t.config().defaultGw4().orElse("");
        r.previousDescribed = current.describe();
        r.chosen = wanted.name();
        r.configRevision = revision(t);
        r.revertPhp = DefaultGatewayPhp.revert(wanted.name(), r.previous, "ops default-route: revert " + r.id + " to " + current.describe());
        r.autoRevert = !req.noConfirm();
        return r;
    }

    private DefaultGateway validate(Topology t, SetRequest req) {
        String name = req.target();
        Optional<GatewayGroup> group = t.group(name);
        if (group.isPresent()) {
            if (group.get().members().isEmpty()) throw new OpsException("gateway group " + name + " has no members");
            for (GatewayGroup.Member m : group.get().members()) {
                Gateway g = t.gateway(m.gateway()).orElseThrow(() -> new OpsException("gateway group " + name + " names unknown gateway " + m.gateway()));
                if (!g.isV4()) throw new OpsException("gateway group " + name + " is not IPv4 (" + g.name() + " is " + g.family() + ")");
            }
            return new DefaultGateway(DefaultGateway.Kind.GROUP, name, "defaultgw4");
        }
        Gateway g = t.gateway(name).orElseThrow(() -> new OpsException("unknown gateway " + name + " on " + net.firewallName()
                + "; known gateways: " + t.gatewayNames() + (t.config().gatewayGroups().isEmpty() ? ""
                : "; groups: " + String.join(", ", t.config().gatewayGroups().stream().map(GatewayGroup::name).toList()))));
        if (!g.isV4()) throw new OpsException(name + " is an IPv6 gateway; default-route sets the IPv4 default (defaultgw4)");
        if (g.address().isEmpty()) throw new OpsException(name + ": address unknown (dynamic, no /tmp/" + g.device() + "_router); is it up?");
        if (g.isDown() && !req.force()) {
            throw new OpsException("refused: " + name + " is down (gateway status); setting it as default would cut everything off (--force to do it anyway)", null, 2);
        }
        return new DefaultGateway(DefaultGateway.Kind.GATEWAY, name, "defaultgw4");
    }

    /** The gateway the default route goes through for this setting: the gateway, or the group's best tier that is up. */
    private static Gateway activeGateway(Topology t, DefaultGateway d) {
        if (d.kind() == DefaultGateway.Kind.GATEWAY) return t.gateway(d.name()).orElseThrow();
        return t.group(d.name()).orElseThrow().members().stream().sorted(Comparator.comparingInt(GatewayGroup.Member::tier))
                .map(m -> t.gateway(m.gateway()).orElseThrow()).filter(g -> !g.isDown()).findFirst()
                .orElseThrow(() -> new OpsException("every member of " + d.name() + " is down"));
    }

    /** The gateways the live default may legitimately be via for this setting. */
    private static List<String> expected(Topology t, DefaultGateway d) {
        return switch (d.kind()) {
            case GATEWAY -> List.of(d.name());
            case GROUP -> List.of(activeGateway(t, d).name());
            case NONE -> List.of("none");
            case AUTOMATIC -> List.of();
        };
    }

    static RoutingTable withDefaultVia(RoutingTable table, Gateway g) {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route(IpAddress.Family.INET, Optional.of(Prefix.ANY_V4), "default", g.addressText(), "UGS", g.device()));
        for (Route r : table.routes()) if (!(r.isDefault() && r.family() == IpAddress.Family.INET)) routes.add(r);
        return new RoutingTable(routes);
    }

    static String liveDefault(Topology t) {
        return t.routes().routes(IpAddress.Family.INET).stream().filter(Route::isDefault).findFirst()
                .map(r -> r.gatewayAddress().flatMap(t::gatewayByAddress).map(Gateway::name).orElse(r.gateway() + " on " + r.netif()))
                .orElse("none");
    }

    private Journal<DefaultRouteRecord> latest() {
        Path f = state.latest(recordPrefix()).orElseThrow(() -> new OpsException("no default-route change on " + net.firewallName()
                + " recorded in " + state.path()));
        return Journal.read(state, f, DefaultRouteRecord.class, "a default-route change record");
    }

    private static String revision(Topology t) {
        return t.config().revision().map(r -> r.time()).orElse("");
    }

    private String recordPrefix() { return "default-route-" + net.firewallName() + "-"; }

    private String recordName(String id) { return recordPrefix() + id + ".json"; }
}
