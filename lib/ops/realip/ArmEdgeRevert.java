package ops.realip;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.RemoteLock;
import ops.change.Status;
import ops.change.Step;
import ops.nat.EdgeChange;
import ops.text.Shell;

/**
 * Arms the revert on an edge: the edit that puts its masquerade back as it was, applied by a
 * detached timer unless confirmed. Its undo disarms it and puts the edge back now (whether the
 * timer was armed or not), verified by reading the rules: so a failure anywhere later leaves the
 * edge as before.
 */
final class ArmEdgeRevert implements Step {
    private final Host edge;
    private final String id;
    private final String gateway;
    private final Supplier<EdgeChange> putBack;
    private final Optional<String> skipIf;
    private final IntSupplier seconds;
    private final RevertSchedule schedule;
    private final String lock;
    private final Check putBackHolds;

    /**
     * @param putBack      the edit that puts the edge back (known once the change is planned, or once done)
     * @param skipIf       a shell test that holds when the edge is back already (the edit is then skipped)
     * @param seconds      the timer's sleep, asked when the step runs
     * @param putBackHolds the read that shows the edge is back
     */
    ArmEdgeRevert(Host edge, String id, String gateway, Supplier<EdgeChange> putBack, Optional<String> skipIf, IntSupplier seconds,
                  RevertSchedule schedule, String lock, Check putBackHolds) {
        this.edge = edge;
        this.id = id;
        this.gateway = gateway;
        this.putBack = putBack;
        this.skipIf = skipIf;
        this.seconds = seconds;
        this.schedule = schedule;
        this.lock = lock;
        this.putBackHolds = putBackHolds;
    }

    @Override
    public Host host() { return edge; }

    @Override
    public String why() {
        return "arm the auto-revert of " + gateway + "'s edge: " + putBack.get().summary() + " in " + seconds.getAsInt() + " s unless confirmed";
    }

    @Override
    public Command command() {
        int s = seconds.getAsInt();
        if (s < RevertSchedule.MIN) {
            return Command.rootScript("echo " + Shell.quote("the confirmation window is nearly over (" + s + " s left): too late to change "
                    + gateway + " safely") + " >&2; exit 64");
        }
        EdgeChange c = putBack.get();
        return Command.rootScript(EdgeRevertTimer.arm(id, s, c.command(), skipIf, RemoteLock.path(lock))).input(c.delta())
                .within(Duration.ofSeconds(30));
    }

    @Override
    public boolean armsRevert() { return true; }

    @Override
    public List<Step> undo() { return List.of(new PutBackNow()); }

    @Override
    public String undoSays() { return "disarm it and put the edge back now: " + putBack.get().summary(); }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok()) {
            schedule.start();
            return Next.done();
        }
        if (ran.answered()) {
            return new Next.Revert(new OpsException(edge.name() + ": could not arm the auto-revert ("
                    + ran.result().orElseThrow().firstErrorLine() + ")", null, 2), false, Status.FAILED);
        }
        return new Next.Revert(ran.failure().orElseThrow(), ran.sent(), Status.FAILED);
    }

    @Override
    public String putBack(Optional<OpsException> failed) {
        return failed.map(e -> edge.name() + " could not be put back now (" + e.getMessage() + "): its armed revert does it at "
                + schedule.firstRevert() + " at the latest").orElse(edge.name() + " is back as before (" + gateway + ", read back)");
    }

    /** The undo that only disarms the timer: for an edit whose own undo puts the edge back. */
    Step disarmOnly() {
        return new Step() {
            public Host host() { return edge; }

            public String why() { return "disarm the auto-revert of " + gateway + "'s edge"; }

            public Command command() { return Command.asRoot("rm -f " + Shell.quote(EdgeRevertTimer.pending(id))); }
        };
    }

    /** Disarms the timer and applies the put-back now; the read decides, so a put-back already done counts as done. */
    private final class PutBackNow implements Step {
        @Override
        public Host host() { return edge; }

        @Override
        public String why() { return "put " + gateway + "'s edge back now: " + putBack.get().summary(); }

        @Override
        public Command command() {
            EdgeChange c = putBack.get();
            return Command.rootScript(EdgeRevertTimer.putBackNow(id, c.command(), skipIf)).input(c.delta()).within(Duration.ofSeconds(30));
        }

        @Override
        public Optional<Check> verify() { return Optional.of(putBackHolds); }

        @Override
        public Next settled(Ran ran) {
            if (!ran.answered()) return Next.fail(ran.failure().orElseThrow());
            return Next.verify(); // an edit that found its rule gone already fails; the read says whether the edge is back
        }
    }
}
