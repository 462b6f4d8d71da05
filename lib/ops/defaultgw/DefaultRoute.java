package ops.defaultgw;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.change.Plan;
import ops.change.RemoteLock;
import ops.change.StateDir;
import ops.change.Step;
import ops.change.Confirm;
import ops.base.OpsException;
import ops.json.Json;
import ops.model.DefaultGateway;
import ops.model.Gateway;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.net.IpAddress;
import ops.net.Prefix;
import ops.pfsense.PfSenseConfig.GatewayGroup;
import ops.pfsense.PhpSnippet;
import ops.remote.Network;
import ops.remote.Remote;
import ops.remote.Sudo;
import ops.report.TextReport;
import ops.route.NetstatReader;
import ops.route.Route;
import ops.route.RoutingTable;

/**
 * pfSense's default IPv4 gateway: show, set with commit-confirmed auto-revert, confirm and
 * rollback by hand. Exit codes: 0 applied, confirmed or already so; 2 refused or reverted;
 * 3 could not run.
 */
public final class DefaultRoute {
    public record SetRequest(String target, boolean dryRun, boolean force, boolean noConfirm, int confirmWithinSeconds) {}

    private static final String LOCK = "default-route";

    private final Network net;
    private final StateDir state;
    private final PrintWriter out;
    private final Confirm confirm;

    public DefaultRoute(Network net, StateDir state, PrintWriter out, Confirm confirm) {
        this.net = net;
        this.state = state;
        this.out = out;
        this.confirm = confirm;
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
        out.println();
        out.print(TextReport.matrix(Analyzer.analyze(t).paths()));
        return 0;
    }

    public int set(SetRequest req) {
        Topology t = TopologyBuilder.build(net.read());
        DefaultGateway current = t.defaultGateway();
        DefaultGateway wanted = validate(t, req);
        String previousValue = t.config().defaultGw4().orElse("");
        if (current.kind() == wanted.kind() && current.name().equals(wanted.name())) {
            String live = liveDefault(t);
            out.println(net.firewallName() + ": the default gateway is already " + wanted.describe() + "; nothing to change"
                    + (expected(t, wanted).contains(live) ? "" : " (but the live default route is via " + live
                    + ": apply System > Routing, or audit with route-audit)"));
            return 0;
        }
        Gateway via = activeGateway(t, wanted);
        Topology predicted = t.withDefault(wanted, withDefaultVia(t.routes(), via));
        AuditResult before = Analyzer.analyze(t), after = Analyzer.analyze(predicted);
        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String description = "ops default-route: default gateway " + wanted.name() + " (was " + current.describe() + ")";
        String revertDescription = "ops default-route: revert " + id + " to " + current.describe();
        String setPhp = DefaultGatewayPhp.set(revision(t), wanted.name(), description);
        String revertPhp = DefaultGatewayPhp.revert(wanted.name(), previousValue, revertDescription);

        List<Step> steps = new ArrayList<>();
        String arm = Sudo.wrap("sh -c " + ops.text.Shell.quote(RevertTimer.arm(id, req.confirmWithinSeconds(), RemoteLock.path(LOCK))));
        if (!req.noConfirm()) {
            steps.add(new Step(net.firewallName(), "arm the auto-revert: back to " + current.describe() + " in " + req.confirmWithinSeconds()
                    + " s unless confirmed", arm, revertPhp));
        }
        steps.add(new Step(net.firewallName(), "set defaultgw4 = " + wanted.name() + " (write_config, routing apply)", PhpSnippet.COMMAND, setPhp));
        steps.add(new Step(net.firewallName(), "verify: the live default route is via " + via.name() + " (" + via.addressText() + ")", "netstat -rn"));
        if (!req.noConfirm()) {
            steps.add(new Step(net.firewallName() + " (new connection)", "prove the firewall is reachable after the change, then confirm",
                    RevertTimer.confirm(id)));
        }
        out.println("default-route set " + wanted.describe() + " on " + net.firewallName() + ": " + current.describe() + " -> " + wanted.describe());
        out.print(new Plan("default gateway " + wanted.describe(), steps).render());
        out.println("\nPaths now:");
        out.print(TextReport.matrix(before.paths()));
        out.println("\nPaths after (predicted):");
        out.print(TextReport.matrix(after.paths()));
        after.findings().stream().filter(f -> f.code() == Code.DEFAULT_GATEWAY_GROUP || f.code() == Code.TRIANGULAR_ROUTING)
                .forEach(f -> out.println("warning: " + f.message()));
        if (req.noConfirm()) out.println("warning: --no-confirm: no auto-revert; if this change cuts you off, you fix it at the console");
        out.flush();
        if (req.dryRun()) {
            out.println("\n--dry-run: nothing was changed.");
            return 0;
        }
        if (!confirm.ask("Set the default gateway of " + net.firewallName() + " to " + wanted.describe() + "?")) {
            out.println("Not applied.");
            return 2;
        }

        ObjectNode record = Json.object();
        record.put("script", "default-route");
        record.put("id", id);
        record.put("firewall", net.firewallName());
        record.put("previous", previousValue);
        record.put("previousDescribed", current.describe());
        record.put("new", wanted.name());
        record.put("configRevision", revision(t));
        record.put("revertPhp", revertPhp);
        record.put("autoRevert", !req.noConfirm());
        record.put("status", "planned");
        Path file = state.create(recordName(id), Json.write(record));

        Remote fw = net.firewall();
        RemoteLock.acquire(fw, LOCK, "default-route " + id); // released by confirm, rollback or the timer
        LocalTime revertsAt = LocalTime.now().plusSeconds(req.confirmWithinSeconds()).truncatedTo(ChronoUnit.SECONDS);
        if (!req.noConfirm()) {
            Remote.Result armed;
            try {
                armed = fw.run(arm, revertPhp, Duration.ofSeconds(30));
            } catch (OpsException lost) {
                // the timer may or may not be armed: disarm it and free the lock over a new connection
                record.put("status", "failed");
                state.write(file.getFileName().toString(), Json.write(record));
                boolean clean = cleanUp(id);
                throw new OpsException(lost.getMessage() + "; nothing was changed: the default gateway is still " + current.describe()
                        + (clean ? "" : "; the firewall could not be reached to clean up: an armed revert (harmless, it restores "
                        + current.describe() + ") may fire at " + revertsAt + ", and the lock " + RemoteLock.path(LOCK) + " stays until then"
                        + " or until removed"), lost, 3);
            }
            if (!armed.ok()) {
                releaseLock(fw);
                throw new OpsException(fw.name() + ": could not arm the auto-revert (" + armed.firstErrorLine() + "); nothing was changed");
            }
        }
        record.put("status", "applying");
        state.write(file.getFileName().toString(), Json.write(record));
        Remote.Result applied;
        try {
            // a change that cuts this connection leaves it hanging: wait well inside the revert window
            applied = fw.run(Sudo.wrap(PhpSnippet.COMMAND), setPhp, Duration.ofSeconds(Math.max(10, Math.min(30, req.confirmWithinSeconds() / 3))));
        } catch (OpsException e) {
            // the route change may well cut this very connection: the new-connection check decides
            applied = new Remote.Result(-1, "", e.getMessage());
        }
        if (applied.exit() == PhpSnippet.REVISION_CHANGED || (applied.exit() > 0)) {
            cancel(fw, id);
            record.put("status", "failed");
            state.write(file.getFileName().toString(), Json.write(record));
            throw new OpsException(fw.name() + ": " + applied.firstErrorLine() + "; nothing was changed", null, applied.exit() == PhpSnippet.REVISION_CHANGED ? 2 : 3);
        }
        record.put("status", req.noConfirm() ? "applied" : "applied, awaiting confirmation");
        state.write(file.getFileName().toString(), Json.write(record));
        if (req.noConfirm()) {
            boolean moved = verifyMoved(fw, via, Duration.ofSeconds(15));
            releaseLock(fw);
            out.println(moved ? "Applied: the live default route is via " + via.name() + "." : "warning: applied, but the live default route has not moved to " + via.name());
            out.println("Rollback with: default-route " + net.firewallName() + " rollback");
            return moved ? 0 : 2;
        }
        out.println("Applied. Proving " + net.firewallName() + " is reachable over a new connection; it reverts by itself at " + revertsAt + " otherwise.");
        Remote fresh;
        try {
            fresh = net.newFirewallConnection();
        } catch (OpsException e) {
            out.println(net.firewallName() + " is NOT reachable over a new connection (" + e.getMessage() + "): it reverts to "
                    + current.describe() + " by itself at " + revertsAt + " (within " + req.confirmWithinSeconds() + " s of applying).");
            return 2;
        }
        if (!verifyMoved(fresh, via, Duration.ofSeconds(15))) {
            out.println(net.firewallName() + ": reachable, but the live default route did not move to " + via.name()
                    + "; not confirming: it reverts by itself at " + revertsAt + " (or run default-route rollback now)");
            return 2;
        }
        Remote.Result c;
        try {
            c = fresh.run(Sudo.wrap("sh -c " + ops.text.Shell.quote(RevertTimer.confirm(id))));
        } catch (OpsException lost) {
            out.println(net.firewallName() + ": could not confirm (" + lost.getMessage() + "): the new default stays only until "
                    + revertsAt + ", when it reverts to " + current.describe() + " by itself; run `default-route " + net.firewallName()
                    + " confirm` before then to keep it");
            return 2;
        }
        if (!c.out().strip().equals("confirmed")) {
            out.println(net.firewallName() + ": too late to confirm: the auto-revert already ran (" + c.firstErrorLine() + ")");
            return 2;
        }
        releaseLock(fresh);
        record.put("status", "confirmed");
        state.write(file.getFileName().toString(), Json.write(record));
        out.println("Confirmed over a new connection: the default gateway is " + wanted.describe() + ". Rollback with: default-route "
                + net.firewallName() + " rollback");
        AuditResult now = Analyzer.analyze(TopologyBuilder.build(net.read()));
        out.print(TextReport.matrix(now.paths()));
        return 0;
    }

    /** Confirms the latest pending change by hand. */
    public int confirmLatest() {
        JsonNode rec = latest();
        Remote fw = net.firewall();
        Remote.Result c = fw.run(Sudo.wrap("sh -c " + ops.text.Shell.quote(RevertTimer.confirm(rec.path("id").asText()))));
        if (!c.out().strip().equals("confirmed")) {
            throw new OpsException("nothing to confirm for " + rec.path("id").asText() + ": it was confirmed already or has reverted"
                    + " (status: " + rec.path("status").asText() + ")", null, 2);
        }
        releaseLock(fw);
        ((ObjectNode) rec).put("status", "confirmed");
        state.write(recordName(rec.path("id").asText()), Json.write(rec));
        out.println("Confirmed " + rec.path("id").asText() + ": the default gateway stays " + rec.path("new").asText() + ".");
        return 0;
    }

    /** Restores the default gateway from before the latest change, now. */
    public int rollback(boolean dryRun) {
        JsonNode rec = latest();
        String id = rec.path("id").asText();
        out.println("default-route rollback of " + id + ": " + rec.path("new").asText() + " -> " + rec.path("previousDescribed").asText());
        if (rec.path("status").asText().equals("rolled back")) {
            out.println("already rolled back; nothing to do");
            return 0;
        }
        if (dryRun) {
            out.print(new Plan("rollback " + id, List.of(new Step(net.firewallName(), "restore defaultgw4 (write_config, routing apply)",
                    PhpSnippet.COMMAND, rec.path("revertPhp").asText()))).render());
            out.println("--dry-run: nothing was changed.");
            return 0;
        }
        if (!confirm.ask("Roll " + net.firewallName() + " back to " + rec.path("previousDescribed").asText() + "?")) {
            out.println("Not applied.");
            return 2;
        }
        Remote fw = net.firewall();
        fw.run(Sudo.wrap("rm -f " + RevertTimer.pending(id))); // the timer must not run the revert a second time
        Remote.Result r = fw.run(Sudo.wrap(PhpSnippet.COMMAND), rec.path("revertPhp").asText(), Duration.ofSeconds(90));
        if (r.exit() == PhpSnippet.REVISION_CHANGED) {
            out.println(fw.name() + ": " + r.firstErrorLine() + " (it already reverted, or someone changed it since)");
        } else if (!r.ok()) {
            throw new OpsException(fw.name() + ": rollback failed: " + r.firstErrorLine());
        }
        releaseLock(fw);
        ((ObjectNode) rec).put("status", "rolled back");
        state.write(recordName(id), Json.write(rec));
        out.println("Rolled back: the default gateway is " + rec.path("previousDescribed").asText() + " again.");
        return 0;
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

    private static String liveDefault(Topology t) {
        return t.routes().routes(IpAddress.Family.INET).stream().filter(Route::isDefault).findFirst()
                .map(r -> r.gatewayAddress().flatMap(t::gatewayByAddress).map(Gateway::name).orElse(r.gateway() + " on " + r.netif()))
                .orElse("none");
    }

    private boolean verifyMoved(Remote fw, Gateway via, Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        do {
            try {
                Remote.Result r = fw.run("netstat -rn", "", Duration.ofSeconds(15));
                if (r.ok()) {
                    Optional<Route> d = NetstatReader.read(fw.name() + ":netstat -rn", r.out()).routes(IpAddress.Family.INET).stream()
                            .filter(Route::isDefault).findFirst();
                    if (d.flatMap(Route::gatewayAddress).equals(via.address())) return true;
                }
            } catch (OpsException cutOff) {
                // a dropped connection is retried (the Remote reconnects) until the wait is over
            }
            sleep(500);
        } while (System.nanoTime() < until);
        return false;
    }

    /** Disarms the revert of {@code id} and frees the lock over a new connection; false when the firewall cannot be reached. */
    private boolean cleanUp(String id) {
        try {
            return cancel(net.newFirewallConnection(), id);
        } catch (OpsException e) {
            return false;
        }
    }

    /** Disarms the revert of {@code id} and frees the lock; false when that failed (the original failure is what the user needs to see). */
    private static boolean cancel(Remote fw, String id) {
        try {
            fw.run(Sudo.wrap("rm -f " + RevertTimer.pending(id)));
            releaseLock(fw);
            return true;
        } catch (OpsException e) {
            return false;
        }
    }

    private static void releaseLock(Remote fw) {
        fw.run("rm -rf " + RemoteLock.path(LOCK));
    }

    private JsonNode latest() {
        Path f = state.latest(recordPrefix()).orElseThrow(() -> new OpsException("no default-route change on " + net.firewallName()
                + " recorded in " + state.path()));
        try {
            return Json.parse(f.toString(), Files.readString(f), "a default-route change record");
        } catch (java.io.IOException e) {
            throw new OpsException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static String revision(Topology t) {
        return t.config().revision().map(r -> r.time()).orElse("");
    }

    private String recordPrefix() { return "default-route-" + net.firewallName() + "-"; }

    private String recordName(String id) { return recordPrefix() + id + ".json"; }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
