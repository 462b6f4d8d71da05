package ops.change;

import java.util.Optional;
import ops.base.OpsException;
import ops.remote.Remote;

/** What a {@link Check} found: it holds, it does not, the read failed, or the host was not reachable. */
public record Verdict(State state, Optional<Remote.Result> read, Optional<OpsException> failure) {
    public enum State { HOLDS, FAILS, UNREADABLE, UNREACHABLE }

    public boolean holds() { return state == State.HOLDS; }

    /** Why nothing was read: the failure's message, "" when something was. */
    public String why() { return failure.map(Throwable::getMessage).orElse(""); }
}
