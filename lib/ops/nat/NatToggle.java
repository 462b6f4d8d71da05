package ops.nat;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.audit.AdminPath;
import ops.audit.Analyzer;
import ops.audit.AuditResult;
import ops.audit.Code;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.base.OpsException;
import ops.change.Confirm;
import ops.change.Executor;
import ops.change.Journal;
import ops.change.Outcome;
import ops.change.Plan;
import ops.change.StateDir;
import ops.edge.NatRule;
import ops.model.Edge;
import ops.model.Topology;
import ops.model.TopologyBuilder;
import ops.remote.Network;
import ops.remote.Remote;
import ops.report.TextRenderer;

/**
 * Masquerade on or off for one gateway: the edge's rule into the tunnel (and, with
 * --firewall-nat, pfSense's outbound NAT for the interface). Plans from a full read, refuses
 * changes that would break paths, shows the plan, and hands it to the executor; undo plans
 * from the record.
 *
 * Exit codes: 0 applied or already so, 2 refused by a check, 3 could not run.
 */
public final class NatToggle {
    public enum Action { OFF, ON, STATUS, UNDO }

    public record Request(String gateway, Action action, boolean firewallNat, boolean dryRun, boolean force) {}

    private final Network net;
    private final StateDir state;
    private final PrintWriter out;
    private final Executor executor;
    private final boolean showCommands;

    /** Plans shown in words only. */
    public NatToggle(Network net, StateDir state, PrintWriter out, Confirm confirm) {
        this(net, state, out, confirm, false);
    }

    /** @param showCommands plans show the exact commands too (--show-commands) */
    public NatToggle(Network net, StateDir state, PrintWriter out, Confirm confirm, boolean showCommands) {
        this.net = net;
        this.state = state;
        this.out = out;
        this.executor = new Executor(out, confirm);
        this.showCommands = showCommands;
    }

    public int run(Request req) {
        Outcome o = switch (req.action()) {
            case UNDO -> undo(req);
            case STATUS -> status(NatScene.look(net, req.gateway()));
            case ON, OFF -> change(req);
        };
        return o.exitCode();
    }

    private Outcome change(Request req) {
        NatScene s = NatScene.look(net, req.gateway());
        Remote edgeHost = net.edge(s.gateway().name());
        String gw = s.gateway().name(), tun = s.tunnel().name();
        boolean on = req.action() == Action.ON;
        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        PlannedEdge edge = PlannedEdge.of(s, on, edgeHost.name());
        Optional<FirewallSide.Decision> fw = req.firewallNat()
                ? Optional.of(FirewallSide.decide(s.topology().config(), s.gateway(), on, id)) : Optional.empty();

        if (edge.change().isEmpty() && fw.flatMap(FirewallSide.Decision::edit).isEmpty()) {
            out.println(gw + ": " + edgeHost.name() + " already " + (on ? "masquerades" : "does not masquerade")
                    + " traffic into " + tun + (s.masquerade().isEmpty() ? "" : " (" + texts(s.masquerade()) + ")") + "; nothing to change");
            fw.ifPresent(d -> out.println(net.firewallName() + ": " + d.say()));
            return Outcome.ALREADY_SO;
        }

        // interlocks: predict the paths after the change
        Topology afterTopology = s.topology().withEdge(new Edge(gw, Optional.of(edge.after()), s.edge().interfaces(), s.edge().routes()));
        AuditResult before = Analyzer.analyze(s.topology()), predicted = Analyzer.analyze(afterTopology);
        AdminPath admin = AdminPath.locate(s.topology(), net.sessionView());
        List<String> refusals = new ArrayList<>();
        admin.cutBy(predicted).ifPresent(refusals::add); // masquerade moves no route: the paths tell
        refusals.addAll(interlocks(net.firewallName(), gw, on, before, predicted));

        Persistence persistence = Persistence.detect(s.nat().tool(), probe(edgeHost));
        Journal<NatRecord> journal = Journal.fresh(state, recordName(gw, id), record(s, edgeHost, on, id));
        Plan plan = NatPlans.change(net, s, on, edge, fw, persistence, journal);

        out.println("nat-toggle " + gw + " " + (on ? "on" : "off") + " (firewall " + net.firewallName() + ", edge " + edgeHost.name()
                + ", tunnel " + tun + ", " + s.nat().tool() + ")");
        out.println(admin.says());
        if (!persistence.persists() && edge.change().isPresent()) out.println("note: " + persistence.describe());
        fw.filter(d -> d.edit().isEmpty()).ifPresent(d -> out.println(net.firewallName() + ": " + d.say()));
        out.print(plan.render(showCommands));
        out.println("\nPaths now:");
        out.print(TextRenderer.matrix(before.paths()));
        out.println("\nPaths after (predicted):");
        out.print(TextRenderer.matrix(predicted.paths()));
        out.flush();

        if (!refusals.isEmpty()) {
            if (!req.force()) {
                throw new OpsException("refused: " + String.join("; ", refusals) + " (--force to do it anyway)", null, 2);
            }
            out.println("warning: overriding with --force: " + String.join("; ", refusals));
        }
        Outcome o = executor.run(plan, req.dryRun());
        if (o == Outcome.APPLIED) {
            out.println("\nApplied. Undo with: nat-toggle " + net.firewallName() + " " + gw + " undo   (record: " + journal.file() + ")");
            out.println("\nPaths now (read back):");
            out.print(TextRenderer.matrix(Analyzer.analyze(TopologyBuilder.build(net.read())).paths()));
        }
        return o;
    }

    private Outcome undo(Request req) {
        String gw = req.gateway();
        Path file = state.latest(recordPrefix(gw)).orElseThrow(() -> new OpsException("no nat-toggle change of " + gw + " on "
                + net.firewallName() + " recorded in " + state.path() + "; nothing to undo"));
        Journal<NatRecord> journal = Journal.read(state, file, NatRecord.class, "a nat-toggle change record");
        NatRecord rec = journal.record();
        if (rec.status == ops.change.Status.UNDONE) {
            out.println("the last change of " + gw + " (" + rec.id + ") is already undone; nothing to do");
            return Outcome.ALREADY_SO;
        }
        NatScene s = NatScene.look(net, gw);
        Persistence persistence = Persistence.detect(s.nat().tool(), probe(net.edge(gw)));
        Plan plan = NatPlans.undo(net, s, persistence, journal);
        out.println("undo nat-toggle " + gw + " " + rec.action + " of " + rec.id);
        out.print(plan.render(showCommands));
        if (rec.edgeUndo != null && !EdgeSide.fingerprint(s.nat()).equals(rec.edgeAfter) && !req.force()) {
            throw new OpsException(net.edge(gw).name() + ": the NAT rules changed since " + rec.id
                    + "; undo would not restore exactly (--force to apply the undo anyway)", null, 2);
        }
        Outcome o = executor.run(plan, req.dryRun());
        if (o == Outcome.APPLIED) {
            out.println("Undone.");
            out.print(TextRenderer.matrix(Analyzer.analyze(TopologyBuilder.build(net.read())).paths()));
        }
        return o;
    }

    private Outcome status(NatScene s) {
        Remote edgeHost = net.edge(s.gateway().name());
        String gw = s.gateway().name();
        out.println(gw + " (" + s.gateway().interfaceKey() + ", " + s.gateway().device() + ", " + s.gateway().addressText() + ") on "
                + net.firewallName() + "; edge " + edgeHost.name() + ", tunnel " + s.tunnel().name() + ", " + s.nat().tool());
        out.println("masquerade into " + s.tunnel().name() + ": " + (s.masquerade().isEmpty() ? "off" : "on (" + texts(s.masquerade()) + ")"));
        out.println("persisted with: " + Persistence.detect(s.nat().tool(), probe(edgeHost)).describe());
        String mode = s.topology().config().outboundNat().mode();
        out.println("pfSense outbound NAT: " + (mode.isEmpty() ? "automatic" : mode) + "; rules for " + s.gateway().interfaceKey() + ": "
                + s.topology().config().outboundNat().rules().stream().filter(r -> r.interfaceKey().equals(s.gateway().interfaceKey()))
                .map(r -> (r.nonat() ? "no NAT" : "NAT") + (r.disabled() ? " (disabled)" : "") + " '" + r.descr() + "'").toList());
        out.print(TextRenderer.matrix(Analyzer.analyze(s.topology()).paths().stream().filter(p -> p.gateway().equals(gw)).toList()));
        return Outcome.SHOWN;
    }

    /** Refusals for `off`: the change would make replies triangular, or add a second real-IP gateway without reply-to. */
    /** @param firewall how the user named the firewall, for the command a refusal suggests */
    static List<String> interlocks(String firewall, String gw, boolean wantMasq, AuditResult before, AuditResult predicted) {
        List<String> out = new ArrayList<>();
        if (wantMasq) return out;
        List<PathRow> broken = predicted.paths().stream().filter(p -> p.gateway().equals(gw) && p.verdict() == Verdict.TRIANGULAR).toList();
        if (!broken.isEmpty()) {
            out.add("with masquerade off, replies to " + gw + "'s clients would leave by " + broken.get(0).replyLeavesBy()
                    + " (triangular); make it the one real-IP gateway instead (`real-ip " + ops.text.Shell.quote(firewall) + " set " + gw
                    + "`: the default route first, in the safe order) or pass its traffic with a reply-to rule on its interface tab");
        }
        boolean multipleBefore = before.findings().stream().anyMatch(f -> f.code() == Code.MULTIPLE_REAL_IP_GATEWAYS);
        predicted.findings().stream().filter(f -> f.code() == Code.MULTIPLE_REAL_IP_GATEWAYS && !multipleBefore).findFirst()
                .ifPresent(f -> out.add("it would make a second real-IP gateway while one has no reply-to coverage (" + f.message() + ")"));
        return out;
    }

    /** The record written before anything changes. */
    private NatRecord record(NatScene s, Remote edgeHost, boolean on, String id) {
        NatRecord r = new NatRecord();
        r.script = "nat-toggle";
        r.id = id;
        r.firewall = net.firewallName();
        r.configRevision = s.revision();
        r.gateway = s.gateway().name();
        r.edge = edgeHost.name();
        r.action = on ? "on" : "off";
        r.tool = s.nat().tool();
        r.tunnel = s.tunnel().name();
        return r;
    }

    /** How the edge persists its rules; read while planning, so a failure changed nothing. */
    private String probe(Remote edge) {
        try {
            return edge.run(Persistence.PROBE).out();
        } catch (OpsException e) {
            throw new OpsException(e.getMessage() + "; nothing was changed", e, e.exitCode());
        }
    }

    private String recordPrefix(String gw) { return "nat-toggle-" + net.firewallName() + "-" + gw + "-"; }

    private String recordName(String gw, String id) { return recordPrefix(gw) + id + ".json"; }

    private static String texts(List<NatRule> rules) {
        return String.join("; ", rules.stream().map(NatRule::text).toList());
    }
}
