package ops.change;

import java.util.Optional;
import ops.base.OpsException;
import ops.remote.Remote;

/**
 * How a step's command came back: answered (with its exit status), lost (sent, but the answer
 * was cut off: it may or may not have run), or not run at all (the lock or the guard failed).
 */
public record Ran(Optional<Remote.Result> result, Optional<OpsException> failure, boolean sent) {

    static Ran answered(Remote.Result r) { return new Ran(Optional.of(r), Optional.empty(), true); }

    static Ran lost(OpsException e) { return new Ran(Optional.empty(), Optional.of(e), true); }

    static Ran notRun(OpsException e) { return new Ran(Optional.empty(), Optional.of(e), false); }

    /** Answered with exit status 0. */
    public boolean ok() { return result.map(Remote.Result::ok).orElse(false); }

    public boolean answered() { return result.isPresent(); }

    /** The exit status, -1 when there was no answer. */
    public int exit() { return result.map(Remote.Result::exit).orElse(-1); }
}
