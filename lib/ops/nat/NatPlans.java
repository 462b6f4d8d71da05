package ops.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Host;
import ops.change.Journal;
import ops.change.Locking;
import ops.change.Plan;
import ops.change.Status;
import ops.change.Step;
import ops.pfsense.OutboundNatEdit;
import ops.remote.Network;

/**
 * nat-toggle's plans: a change (the edge's edit and its persisting, then pfSense's outbound NAT)
 * and the undo of a recorded change. Every step is built here once, shown by --dry-run and run
 * by the executor.
 */
final class NatPlans {
    private NatPlans() {}

    static final String LOCK = "nat-toggle";

    static Plan change(Network net, NatScene s, boolean on, PlannedEdge edgePlan, Optional<FirewallSide.Decision> firewall,
                       Persistence persistence, Journal<NatRecord> journal) {
        NatRecord record = journal.record();
        String gw = s.gateway().name(), id = record.id;
        EdgeSide edge = new EdgeSide(Host.of(net.edge(gw)), s.nat().tool(), s.tunnel().name());
        String edgeName = edge.host().name();
        List<Step> steps = new ArrayList<>();
        edgePlan.change().ifPresent(c -> {
            EdgeApply.PutBack putBack = new EdgeApply.PutBack() {
                public List<Step> steps(EdgeChange undo) {
                    return persisted(EdgeApply.back(edge, undo, !on, unpersisted(edgeName, persistence)), edge, persistence, id + "-revert");
                }

                public String said(Optional<OpsException> failed) {
                    return failed.map(e -> "putting " + edgeName + " back failed (" + e.getMessage() + "): the edge is in the NEW state and the firewall in the"
                            + " old one; run `nat-toggle " + net.firewallName() + " " + gw + " undo`")
                            .orElse("the edge change was put back: the OLD state on " + edgeName + " too (nothing changed)");
                }
            };
            EdgeApply apply = EdgeApply.change(edge, c, on, EdgeSide.fingerprint(s.nat()), PlannedEdge.plannedUndo(s, on), record, putBack,
                    unpersisted(edgeName, persistence));
            steps.add(apply);
            if (persistence.persists()) steps.add(new EdgePersist(edge, persistence, id, Optional.of(record), Optional.of(apply)));
        });
        Optional<OutboundNatEdit> fwEdit = firewall.flatMap(FirewallSide.Decision::edit);
        fwEdit.ifPresent(e -> steps.add(new OutboundNatStep(Host.of(net.firewall()), firewall.get().say() + " (write_config, then filter reload)", e,
                s.revision(), "ops nat-toggle: " + (on ? "NAT" : "no NAT") + " out " + gw + " (" + s.gateway().interfaceKey() + ")",
                s.gateway().device(), on, Optional.of(record), edgePlan.change().isPresent())));
        String question = "Apply this change to " + edgeName + (fwEdit.isPresent() ? " and " + net.firewallName() : "") + "?";
        return new Plan("masquerade " + (on ? "on" : "off") + " for " + gw, steps, Optional.of(question), journal,
                Locking.take(LOCK, "nat-toggle " + id + " on " + net.firewallName()), Status.APPLIED);
    }

    /** Puts back what the record says, as it says: the edge's edit, then pfSense's outbound NAT. */
    static Plan undo(Network net, NatScene s, Persistence persistence, Journal<NatRecord> journal) {
        NatRecord rec = journal.record();
        EdgeSide edge = new EdgeSide(Host.of(net.edge(rec.gateway)), s.nat().tool(), s.tunnel().name());
        List<Step> steps = new ArrayList<>();
        if (rec.edgeUndo != null) {
            steps.addAll(persisted(EdgeApply.undo(edge, rec.edgeUndo, rec.edgeBefore == null ? "" : rec.edgeBefore,
                    unpersisted(edge.host().name(), persistence)), edge, persistence, rec.id + "-undo"));
        }
        if (rec.firewallUndo != null) {
            steps.add(new OutboundNatStep(Host.of(net.firewall()), "restore outbound NAT rules", OutboundNatEdit.fromSpec(rec.firewallUndo.spec()),
                    s.revision(), "ops nat-toggle: undo " + rec.id, s.gateway().device(), "off".equals(rec.action), Optional.empty(), false));
        }
        return new Plan("undo " + rec.id, steps, Optional.of("Undo " + rec.id + "?"), journal,
                Locking.take(LOCK, "nat-toggle undo " + rec.id + " on " + net.firewallName()), Status.UNDONE);
    }

    /** An edit of the edge, followed by saving the rules where the edge persists them. */
    private static List<Step> persisted(EdgeApply edit, EdgeSide edge, Persistence persistence, String stamp) {
        List<Step> steps = new ArrayList<>(List.of(edit));
        if (persistence.persists()) steps.add(new EdgePersist(edge, persistence, stamp, Optional.empty(), Optional.empty()));
        return steps;
    }

    /** Said after an edit of an edge where nothing persists the rules. */
    private static String unpersisted(String edgeName, Persistence persistence) {
        return persistence.persists() ? "" : "warning: " + edgeName + ": " + persistence.describe();
    }
}
