package ops.nat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Status;
import ops.change.Step;
import ops.change.Verdict;

/**
 * An edit of the edge's NAT table: one atomic delta (the kernel applies it whole or not at all),
 * verified by reading the rules back. If it fails, or its answer is lost, the rules are read
 * again and the message says whether the edge is in the old state or the new one.
 */
final class EdgeApply implements Step {
    private final EdgeSide edge;
    private final EdgeChange change;
    private final boolean masquerade;
    private final Optional<String> planned;
    private final Optional<EdgeChange> plannedUndo;
    private final Optional<NatRecord> record;
    private final PutBack putBack;
    private final String afterwards;
    private final Optional<String> before;

    /**
     * @param masquerade whether traffic into the tunnel is masqueraded once it is done
     * @param planned    the rules (fingerprint) it must find before it runs
     * @param record     the change's record, kept up to date for undo (none for a put-back or an undo)
     * @param afterwards said once it is done ("warning: ... not persisted", or "")
     * @param before     for an undo: the rules before the change, which it should bring back
     */
    private EdgeApply(EdgeSide edge, EdgeChange change, boolean masquerade, Optional<String> planned, Optional<EdgeChange> plannedUndo,
                      Optional<NatRecord> record, PutBack putBack, String afterwards, Optional<String> before) {
        this.edge = edge;
        this.change = change;
        this.masquerade = masquerade;
        this.planned = planned;
        this.plannedUndo = plannedUndo;
        this.record = record;
        this.putBack = putBack;
        this.afterwards = afterwards;
        this.before = before;
    }

    /** How this edit is put back when a later step fails, and what the message then says. */
    interface PutBack {
        List<Step> steps(EdgeChange undo);

        String said(Optional<OpsException> failed);
    }

    private static final PutBack NONE = new PutBack() {
        public List<Step> steps(EdgeChange undo) { return List.of(); }

        public String said(Optional<OpsException> failed) { return ""; }
    };

    /** The change itself: guarded by the rules the plan read, recorded for undo, put back if the firewall half fails. */
    static EdgeApply change(EdgeSide edge, EdgeChange change, boolean masquerade, String plannedRules, Optional<EdgeChange> plannedUndo,
                            NatRecord record, PutBack putBack, String afterwards) {
        return new EdgeApply(edge, change, masquerade, Optional.of(plannedRules), plannedUndo, Optional.of(record), putBack, afterwards,
                Optional.empty());
    }

    /** The change's undo, put in after a later step of the change failed. */
    static EdgeApply back(EdgeSide edge, EdgeChange change, boolean masquerade, String afterwards) {
        return new EdgeApply(edge, change, masquerade, Optional.empty(), Optional.empty(), Optional.empty(), NONE, afterwards, Optional.empty());
    }

    /** The recorded undo of an earlier change: the rules should be as before it (a warning if someone changed them since). */
    static EdgeApply undo(EdgeSide edge, EdgeChange change, String before, String afterwards) {
        return new EdgeApply(edge, change, false, Optional.empty(), Optional.empty(), Optional.empty(), NONE, afterwards, Optional.of(before));
    }

    @Override
    public Host host() { return edge.host(); }

    @Override
    public String why() { return change.summary(); }

    @Override
    public Command command() {
        return Command.asRoot(change.command()).input(change.delta()).within(Duration.ofSeconds(30));
    }

    @Override
    public Optional<Check> guard() { return planned.map(p -> edge.rulesAre(p, "the NAT rules are as the plan read them")); }

    @Override
    public Optional<Check> verify() {
        return Optional.of(before.map(b -> edge.rulesAre(b, "the NAT rules are as before the change")).orElse(edge.masquerading(masquerade)));
    }

    @Override
    public List<Step> undo() {
        return undoChange().map(putBack::steps).orElse(List.of());
    }

    @Override
    public String undoSays() {
        if (record.isEmpty()) return "";
        return undoChange().map(EdgeChange::summary).orElse("remove the rule it adds, found again by reading the rules back");
    }

    @Override
    public Next guarded(Verdict v) {
        if (!v.holds()) {
            return Next.fail(new OpsException(host().name() + ": the NAT rules changed since the plan (someone else?); nothing was changed, run again", null, 2));
        }
        record.ifPresent(r -> {
            r.edgeBefore = planned.orElseThrow();
            plannedUndo.ifPresent(u -> r.edgeUndo = u);
        });
        return Next.done();
    }

    /** Whatever came back, the rules are read next: to verify, or to tell old state from new. */
    @Override
    public Next settled(Ran ran) {
        if (before.isPresent() && !ran.ok()) return Next.fail(failureOf(ran));
        return Next.verify();
    }

    @Override
    public Next verified(Ran ran, Verdict v) {
        if (before.isPresent()) return undone(ran, v);
        if (ran.ok() && v.holds()) {
            learn(v, Status.EDGE_APPLIED);
            return Next.done(afterwards);
        }
        if (ran.ok() && v.read().isPresent()) {
            return Next.fail(new OpsException(host().name() + ": read back after the change, traffic into " + edge.tunnel() + " is "
                    + (masquerade ? "not" : "still") + " masqueraded; check `" + (edge.tool().equals("iptables") ? "iptables-save -t nat" : "nft list ruleset")
                    + "`", null, 2));
        }
        OpsException failure = ran.ok() ? v.failure().orElseThrow() : failureOf(ran);
        return tell(failure, ran.ok() ? verify().orElseThrow().run() : v);
    }

    /** An undo went in; rules other than before the change are someone else's, worth a warning, not a failure. */
    private Next undone(Ran ran, Verdict v) {
        String differ = v.holds() ? "" : "warning: " + host().name()
                + ": after undo the NAT rules differ from before the change (someone else changed them meanwhile?)";
        return Next.done(String.join("\n", java.util.stream.Stream.of(differ, afterwards).filter(x -> !x.isEmpty()).toList()));
    }

    /** Fails with the state the edge is in, as {@code v} read it; keeps undo possible when the change went in. */
    Next tell(OpsException failure, Verdict v) {
        if (v.holds()) learn(v, Status.EDGE_APPLIED_UNPERSISTED);
        return Next.fail(new OpsException(failure.getMessage() + "; " + edge.state(v, masquerade), failure, failure.exitCode()));
    }

    /** The rules after the change: recorded, with the undo found in them when it could not be planned. */
    private void learn(Verdict v, Status status) {
        if (record.isEmpty()) return;
        NatRecord r = record.get();
        var now = edge.rules(v);
        if (plannedUndo.isEmpty()) r.edgeUndo = EdgeChange.removeAdded(now, edge.tunnel());
        r.edgeAfter = EdgeSide.fingerprint(now);
        r.status = status;
    }

    private Optional<EdgeChange> undoChange() {
        return record.map(r -> r.edgeUndo).or(() -> plannedUndo);
    }

    @Override
    public String putBack(Optional<OpsException> failed) {
        return putBack.said(failed);
    }

    private OpsException failureOf(Ran ran) {
        if (ran.answered()) {
            var r = ran.result().orElseThrow();
            var refused = command().refusal(host().remote(), r);
            if (refused.isPresent()) return new OpsException(refused.get(), null, 3);
            return new OpsException(host().name() + ": `" + change.command() + "` refused the change: " + r.firstErrorLine()
                    + "; nothing was changed (the delta is atomic)", null, 3);
        }
        return ran.failure().orElseThrow();
    }
}
