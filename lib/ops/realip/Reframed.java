package ops.realip;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
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
 * Another script's step (default-route's, nat-toggle's) run as it is, with what differs in a
 * real-ip plan: its undo (the whole change is put back in the safe order), what it says when put
 * back, and what comes after it (a failure takes back the whole change, not only this step).
 */
final class Reframed implements Step {
    private final Step step;
    private final Optional<List<Step>> undo;
    private final UnaryOperator<Next> next;
    private final Optional<PutBackSaid> said;
    private final BiFunction<Verdict, Next, Next> onVerified;

    interface PutBackSaid {
        String said(Optional<OpsException> failed);
    }

    private Reframed(Step step, Optional<List<Step>> undo, UnaryOperator<Next> next, Optional<PutBackSaid> said,
                     BiFunction<Verdict, Next, Next> onVerified) {
        this.step = step;
        this.undo = undo;
        this.next = next;
        this.said = said;
        this.onVerified = onVerified;
    }

    static Reframed of(Step step) {
        return new Reframed(step, Optional.empty(), UnaryOperator.identity(), Optional.empty(), (v, n) -> n);
    }

    Reframed undo(List<Step> steps) { return new Reframed(step, Optional.of(steps), next, said, onVerified); }

    Reframed saying(PutBackSaid s) { return new Reframed(step, undo, next, Optional.of(s), onVerified); }

    /** What comes after the step, as this plan sees it. */
    Reframed next(UnaryOperator<Next> f) {
        UnaryOperator<Next> before = next;
        return new Reframed(step, undo, n -> f.apply(before.apply(n)), said, onVerified);
    }

    /** What comes after the step's verification, knowing what the verification read (before {@link #next} applies). */
    Reframed verified(BiFunction<Verdict, Next, Next> f) {
        return new Reframed(step, undo, next, said, f);
    }

    /** A failure of this step takes back what the change did so far (the step itself is covered by an earlier step's undo). */
    Reframed failureRevertsAll() {
        return next(n -> n instanceof Next.Fail f ? new Next.Revert(f.failure(), false, Status.FAILED) : n);
    }

    @Override
    public Host host() { return step.host(); }

    @Override
    public String why() { return step.why(); }

    @Override
    public Command command() { return step.command(); }

    @Override
    public Optional<Check> guard() { return step.guard(); }

    @Override
    public Optional<Check> verify() { return step.verify(); }

    @Override
    public boolean armsRevert() { return step.armsRevert(); }

    @Override
    public List<Step> undo() { return undo.orElseGet(step::undo); }

    @Override
    public String undoSays() {
        if (undo.isEmpty()) return step.undoSays();
        return undo.get().isEmpty() ? "" : undo.get().get(0).why();
    }

    @Override
    public Next guarded(Verdict v) { return next.apply(step.guarded(v)); }

    @Override
    public Next settled(Ran ran) { return next.apply(step.settled(ran)); }

    @Override
    public Next verified(Ran ran, Verdict v) { return next.apply(onVerified.apply(v, step.verified(ran, v))); }

    @Override
    public String putBack(Optional<OpsException> failed) {
        return said.map(s -> s.said(failed)).orElseGet(() -> step.putBack(failed));
    }
}
