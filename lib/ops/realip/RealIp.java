package ops.realip;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.audit.Analyzer;
import ops.audit.AdminPath;
import ops.audit.AuditResult;
import ops.base.OpsException;
import ops.change.Confirm;
import ops.change.Executor;
import ops.change.Host;
import ops.change.Journal;
import ops.change.Outcome;
import ops.change.Plan;
import ops.change.StateDir;
import ops.change.Step;
import ops.change.Status;
import ops.defaultgw.DefaultRouteSteps;
import ops.model.Gateway;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.nat.EdgeMasquerade;
import ops.nat.Persistence;
import ops.net.IpAddress;
import ops.probe.SourceIpCheck;
import ops.remote.Network;
import ops.remote.Remote;
import ops.report.TextRenderer;
import ops.text.Shell;

/**
 * "Make gateway X the one real-IP gateway", the field fix as one change: the other gateways
 * that need it masquerade, the default route moves to X while X still masquerades, then X stops
 * masquerading; one plan, one confirmation window, one record, one undo. Plans from a full read,
 * predicts every state on the way, refuses a step that breaks a path, and hands the plan to the
 * executor. Exit codes: 0 applied, confirmed or already so; 2 refused, not confirmed or reverted;
 * 3 could not run.
 */
public final class RealIp {
    /**
     * @param probe measure the end state from a vantage before confirming (--from); empty: predicted only
     */
    public record SetRequest(String gateway, boolean dryRun, boolean force, int confirmWithinSeconds, Optional<Probe> probe) {
        public SetRequest(String gateway, boolean dryRun, boolean force, int confirmWithinSeconds) {
            this(gateway, dryRun, force, confirmWithinSeconds, Optional.empty());
        }
    }

    /**
     * A vantage outside the firewall's network (source-ip-check's --from) and whom it should be seen as.
     *
     * @param expectIp the client address the server should see; else the echo page's, else the probes' source
     */
    public record Probe(Remote vantage, Optional<IpAddress> expectIp, Optional<String> echoUrl) {
        /** source-ip-check's defaults, limited to the gateway's paths. */
        SourceIpCheck.Request request(String gateway) {
            return new SourceIpCheck.Request(List.of(gateway), Optional.empty(), expectIp, echoUrl, false, Duration.ofSeconds(3), Set.of(80, 8080));
        }
    }

    private final Network net;
    private final StateDir state;
    private final PrintWriter out;
    private final Executor executor;
    private final boolean showCommands;

    public RealIp(Network net, StateDir state, PrintWriter out, Confirm confirm) {
        this(net, state, out, confirm, false);
    }

    /** @param showCommands plans show each step's exact command too (--show-commands) */
    public RealIp(Network net, StateDir state, PrintWriter out, Confirm confirm, boolean showCommands) {
        this.net = net;
        this.state = state;
        this.out = out;
        this.executor = new Executor(out, confirm);
        this.showCommands = showCommands;
    }

    /** Which gateway keeps real client IPs, where the default route is, each gateway's masquerade, the path matrix. */
    public int status() {
        Topology t = TopologyBuilder.build(net.read());
        AuditResult a = Analyzer.analyze(t);
        out.println(net.firewallName() + ": default gateway " + t.defaultGateway().describe() + " (" + t.defaultGateway().source()
                + "), live default route via " + DefaultRouteSteps.liveDefault(t));
        out.println(RealIpStatus.summary(t, a));
        for (String line : RealIpStatus.gateways(t, a)) out.println("  " + line);
        state.latest(recordPrefix()).map(f -> Journal.read(state, f, RealIpRecord.class, "a real-ip change record").record())
                .filter(r -> r.status == Status.AWAITING_CONFIRMATION)
                .ifPresent(r -> out.println("the latest change, " + r.id + " (" + r.gateway + "), was not confirmed: `real-ip "
                        + Shell.quote(net.firewallName()) + " confirm` keeps it if its reverts have not fired yet"));
        out.println();
        out.print(TextRenderer.matrix(a.paths()));
        return Outcome.SHOWN.exitCode();
    }

    public int set(SetRequest req) {
        return change(req).exitCode();
    }

    private Outcome change(SetRequest req) {
        Topology t = TopologyBuilder.build(net.read());
        EdgeMasquerade target = EdgeMasquerade.require(net, t, req.gateway());
        Gateway x = t.gateway(target.gateway()).orElseThrow();
        if (x.isDown() && !req.force()) {
            throw new OpsException("refused: " + x.name() + " is down (gateway status); moving the default route to it would cut everything off"
                    + " (--force to do it anyway)", null, 2);
        }
        Staging s = Staging.plan(t, target, g -> net.edge(g).name());
        if (s.nothingToDo()) {
            out.println(net.firewallName() + ": " + x.name() + " already is the one real-IP gateway: the default gateway is " + x.name()
                    + ", " + net.edge(x.name()).name() + " does not masquerade into " + target.tunnel() + ", and no other gateway's paths"
                    + " turn triangular; nothing to change" + liveNote(t, x));
            return Outcome.ALREADY_SO;
        }
        List<String> refusals = new ArrayList<>(s.refusals());
        AdminPath admin = AdminPath.locate(t, net.sessionView());
        refusals.addAll(adminPathRefusals(admin, s));

        // before any record: a gateway with nothing to probe is refused here
        Optional<Step> probe = req.probe().map(p -> new ProbeRealIp(net, p.vantage(), x.name(), p.request(x.name()),
                SourceIpCheck.vantageCommands(s.end().topology(), p.request(x.name())), line -> out.println(line)));

        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        RevertSchedule schedule = new RevertSchedule(req.confirmWithinSeconds());
        RealIpRecord rec = record(s, target, id);
        Journal<RealIpRecord> journal = Journal.fresh(state, recordName(id), rec);
        RealIpPlans.Hosts hosts = hosts(involved(s, target));
        Plan plan = RealIpPlans.set(net, s, target, hosts, journal, schedule, probe);

        out.println("real-ip set " + x.name() + " on " + net.firewallName() + ": " + x.name() + " becomes the one real-IP gateway");
        out.println(admin.says());
        hosts.persistence().forEach((g, p) -> {
            if (!p.persists()) out.println("note: " + hosts.edge(g).name() + ": " + p.describe());
        });
        out.print(plan.render(showCommands));
        if (probe.isEmpty()) out.println("probe: no vantage given (--from): not measured");
        for (int i = 0; i < s.stages().size(); i++) {
            Staging.Stage st = s.stages().get(i);
            out.println(i == 0 ? "\nPaths now:" : "\nPaths after stage " + i + ", " + st.step() + " (predicted):");
            out.print(TextRenderer.matrix(st.audit().paths()));
        }
        for (String u : s.unknowns()) out.println("warning: " + u);
        out.println("\nUnless confirmed over new connections, it reverts by itself in the safe order, starting "
                + req.confirmWithinSeconds() + " s after the first revert is armed.");
        out.flush();
        if (!refusals.isEmpty()) {
            if (!req.force()) throw new OpsException("refused: " + String.join("; ", refusals) + " (--force to do it anyway)", null, 2);
            out.println("warning: overriding with --force: " + String.join("; ", refusals));
        }

        Outcome o;
        try {
            o = executor.run(plan, req.dryRun());
        } catch (OpsException e) {
            throw new OpsException(e.getMessage() + ". Read back: " + stateNow(s), e, e.exitCode());
        }
        if (o == Outcome.APPLIED) {
            out.println("\nConfirmed over new connections: " + x.name() + " is the one real-IP gateway of " + net.firewallName()
                    + ". Undo with: real-ip " + Shell.quote(net.firewallName()) + " undo   (record: " + journal.file() + ")");
            out.print(TextRenderer.matrix(Analyzer.analyze(TopologyBuilder.build(net.read())).paths()));
        } else if (o == Outcome.LEFT_TO_REVERT || o == Outcome.TOO_LATE) {
            out.println("Read back now: " + stateNow(s));
        }
        return o;
    }

    /**
     * Refusals when a stage on the way would cut how this SSH session reaches the firewall: every
     * stage is a state the network passes through (and may stay in, if we are cut off there), so
     * each predicted stage is judged, with its routing table for a session off the published paths.
     */
    static List<String> adminPathRefusals(AdminPath admin, Staging s) {
        for (int i = 1; i < s.stages().size(); i++) {
            Staging.Stage st = s.stages().get(i);
            java.util.Optional<String> cut = admin.cutBy(st.audit(), st.topology());
            if (cut.isPresent()) return List.of("after stage " + i + " (" + st.step() + ") " + cut.get());
        }
        return List.of();
    }

    /** Confirms by hand what the latest change still has armed. */
    public int confirm() {
        Journal<RealIpRecord> journal = latest();
        RealIpRecord rec = journal.record();
        if (rec.status == Status.CONFIRMED) {
            out.println(rec.id + " is confirmed already; nothing to do");
            return Outcome.ALREADY_SO.exitCode();
        }
        if (rec.status == Status.UNDONE || rec.status == Status.FAILED) {
            throw new OpsException("nothing to confirm: " + rec.id + " is " + rec.status.word(), null, 2);
        }
        Topology t = TopologyBuilder.build(net.read());
        Map<String, EdgeMasquerade> edges = edges(t, rec);
        Plan plan = RealIpPlans.confirm(net, rec, edges, hosts(edges), journal);
        out.print(plan.render(showCommands));
        executor.run(plan, false);
        out.println("Confirmed " + rec.id + ": " + rec.gateway + " stays the one real-IP gateway.");
        return Outcome.APPLIED.exitCode();
    }

    /** Reverses the latest change in the safe order: the gateway masquerades again, the default goes back, the others stop masquerading. */
    public int undo(boolean dryRun, boolean force) {
        Journal<RealIpRecord> journal = latest();
        RealIpRecord rec = journal.record();
        if (rec.status == Status.UNDONE) {
            out.println(rec.id + " is undone already; nothing to do");
            return Outcome.ALREADY_SO.exitCode();
        }
        Topology t = TopologyBuilder.build(net.read());
        Map<String, EdgeMasquerade> edges = edges(t, rec);
        if (rec.realIp != null && rec.realIp.edgeAfter != null && !force
                && !edges.get(rec.gateway).masquerades() && !edges.get(rec.gateway).fingerprint().equals(rec.realIp.edgeAfter)) {
            throw new OpsException(net.edge(rec.gateway).name() + ": the NAT rules changed since " + rec.id
                    + "; undo would not restore exactly (--force to apply the undo anyway)", null, 2);
        }
        Plan plan = RealIpPlans.undo(net, rec, edges, hosts(edges), journal);
        out.println("real-ip undo of " + rec.id + " (" + rec.gateway + " made the one real-IP gateway of " + net.firewallName() + ")");
        if (plan.steps().isEmpty()) {
            out.println("the network no longer shows the change (reverted, or changed since); nothing to undo");
            return Outcome.ALREADY_SO.exitCode();
        }
        out.print(plan.render(showCommands));
        out.println("\nPaths now:");
        out.print(TextRenderer.matrix(Analyzer.analyze(t).paths()));
        Outcome o = executor.run(plan, dryRun);
        if (o == Outcome.APPLIED) {
            out.println("Undone.");
            out.print(TextRenderer.matrix(Analyzer.analyze(TopologyBuilder.build(net.read())).paths()));
        }
        return o.exitCode();
    }

    /** Which planned state a fresh read shows: the one before the command, a verified step's, or neither (and what it is). */
    String stateNow(Staging s) {
        try {
            return StateMatch.describe(TopologyBuilder.build(net.read()), s);
        } catch (OpsException e) {
            return "could not read the network back (" + e.getMessage() + "); check it with `real-ip " + Shell.quote(net.firewallName()) + " status`";
        }
    }

    private RealIpRecord record(Staging s, EdgeMasquerade target, String id) {
        Topology t = s.now().topology();
        String fw = net.firewallName(), rev = t.config().revision().map(r -> r.time()).orElse("");
        RealIpRecord r = new RealIpRecord();
        r.script = "real-ip";
        r.id = id;
        r.firewall = fw;
        r.configRevision = rev;
        r.gateway = s.target().name();
        r.reached = "nothing changed yet";
        if (s.moveDefault()) r.defaultRoute = DefaultRouteSteps.record(t, "real-ip", id, fw, s.target().name());
        for (EdgeMasquerade y : s.masqueradeFirst()) r.masqueraded.add(y.record("real-ip", id, fw, net.edge(y.gateway()).name(), true, rev));
        if (s.unmasquerade()) r.realIp = target.record("real-ip", id, fw, net.edge(target.gateway()).name(), false, rev);
        return r;
    }

    /** The edges the change edits: the others turned to masquerade, then the target when it masquerades now. */
    private static Map<String, EdgeMasquerade> involved(Staging s, EdgeMasquerade target) {
        Map<String, EdgeMasquerade> m = new LinkedHashMap<>();
        s.masqueradeFirst().forEach(e -> m.put(e.gateway(), e));
        if (s.unmasquerade()) m.put(target.gateway(), target);
        return m;
    }

    /** One Host per machine for the run, and how each edge persists its rules (read now: a failure changes nothing). */
    private RealIpPlans.Hosts hosts(Map<String, EdgeMasquerade> involved) {
        Map<String, Host> edges = new LinkedHashMap<>();
        Map<String, Persistence> persistence = new LinkedHashMap<>();
        for (EdgeMasquerade m : involved.values()) {
            String g = m.gateway();
            Remote r = net.edge(g);
            edges.put(g, Host.of(r));
            try {
                persistence.put(g, Persistence.detect(m.tool(), r.run(Persistence.PROBE).out()));
            } catch (OpsException e) {
                throw new OpsException(e.getMessage() + "; nothing was changed", e, e.exitCode());
            }
        }
        return new RealIpPlans.Hosts(Host.of(net.firewall()), Host.newConnection(net.firewallName(), net::newFirewallConnection), edges, persistence);
    }

    /** The edges the record names, read again now. */
    private Map<String, EdgeMasquerade> edges(Topology t, RealIpRecord rec) {
        Map<String, EdgeMasquerade> m = new LinkedHashMap<>();
        List<String> gws = new ArrayList<>();
        if (rec.realIp != null) gws.add(rec.realIp.gateway);
        rec.masqueraded.forEach(n -> gws.add(n.gateway));
        for (String g : gws) {
            m.put(g, EdgeMasquerade.require(net, t, g));
        }
        return m;
    }

    private String liveNote(Topology t, Gateway x) {
        String live = DefaultRouteSteps.liveDefault(t);
        return live.equals(x.name()) ? "" : " (but the live default route is via " + live + ": apply System > Routing, or audit with route-audit)";
    }

    private Journal<RealIpRecord> latest() {
        Path f = state.latest(recordPrefix()).orElseThrow(() -> new OpsException("no real-ip change on " + net.firewallName()
                + " recorded in " + state.path() + "; nothing to do"));
        return Journal.read(state, f, RealIpRecord.class, "a real-ip change record");
    }

    private String recordPrefix() { return "real-ip-" + net.firewallName() + "-"; }

    private String recordName(String id) { return recordPrefix() + id + ".json"; }
}
