package ops.change;

import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.remote.Remote;

/**
 * One step of a change: where it runs and the command it runs there, exactly, and how to verify
 * and to undo it. {@link Plan#render(boolean)} shows these very objects and the {@link Executor} runs them,
 * so a dry run cannot differ from the real run. The defaults fit a step whose exit status says
 * it all; a step overrides what it judges differently.
 */
public interface Step {
    Host host();

    /** Why, in the plan's words. */
    String why();

    Command command();

    /** Runs the step on its host: its command, unless the step measures in a way one command cannot (a probe). */
    default Remote.Result perform(Remote host) { return command().run(host); }

    /** Whether the step changes its host, so the change's lock must cover it; a step that only measures takes no lock there. */
    default boolean changesHost() { return true; }

    /** A read under the lock, before the command: the host is still as the plan saw it. */
    default Optional<Check> guard() { return Optional.empty(); }

    /** A read after the command: it worked, or (after a lost answer) which state the host is in. */
    default Optional<Check> verify() { return Optional.empty(); }

    /**
     * Whether this step arms a revert on its host that frees the change's lock itself: once it may
     * have run, a failure leaves the lock to that revert, unless the step was undone (disarmed).
     */
    default boolean armsRevert() { return false; }

    /** The steps that take this one back when a later one fails; empty when there is nothing to take back. */
    default List<Step> undo() { return List.of(); }

    /** How the plan states the undo; "" when there is none. */
    default String undoSays() { return undo().isEmpty() ? "" : undo().get(0).why(); }

    /** The guard's reading (it held, or it did not: a read that failed counts as a command not run): on to the command, or stop. */
    default Next guarded(Verdict v) {
        if (v.holds()) return Next.done();
        return Next.fail(new OpsException(host().name() + ": changed since the plan (" + guard().map(Check::expects).orElse("")
                + " no longer holds); nothing was changed, run again", null, 2));
    }

    /** The command's own outcome: to the verification, on, or stop. */
    default Next settled(Ran ran) {
        if (ran.ok()) return verify().isPresent() ? Next.verify() : Next.done();
        if (ran.answered()) {
            var r = ran.result().orElseThrow();
            String m = command().refusal(host().remote(), r)
                    .orElse(host().name() + ": `" + command().text() + "` failed: " + r.firstErrorLine());
            return Next.fail(new OpsException(m));
        }
        return Next.fail(ran.failure().orElseThrow());
    }

    /** The verification's outcome. */
    default Next verified(Ran ran, Verdict v) {
        if (v.holds()) return Next.done();
        return Next.fail(new OpsException(host().name() + ": not verified: " + verify().map(Check::expects).orElse("")
                + (v.why().isEmpty() ? "" : " (" + v.why() + ")"), null, 2));
    }

    /** Said after a later step failed and this one's undo ran ({@code failed} empty) or failed; "" for nothing to say. */
    default String putBack(Optional<OpsException> failed) { return ""; }
}
