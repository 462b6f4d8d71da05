package ops.change;

import ops.base.OpsException;

/** What the executor does after a step's command, or after its verification. */
public sealed interface Next {
    /** Go on: to the step's verification when {@code verify}, else to the next step; {@code say} is printed when not empty. */
    record Go(String say, boolean verify) implements Next {}

    /** Stop and fail: what was done stays done, and the failure says in which state the hosts are. */
    record Fail(OpsException failure) implements Next {}

    /**
     * Take back the steps done (and this one, when it may have gone in), then fail saying what
     * became of them; {@code status} is recorded when everything was put back.
     */
    record Revert(OpsException failure, boolean thisStepToo, Status status) implements Next {}

    /** Stop with an outcome, {@code say} printed; what was done stays done. */
    record Stop(Outcome outcome, String say) implements Next {}

    static Next verify() { return new Go("", true); }

    static Next verify(String say) { return new Go(say, true); }

    static Next done() { return new Go("", false); }

    static Next done(String say) { return new Go(say, false); }

    static Next fail(OpsException e) { return new Fail(e); }
}
