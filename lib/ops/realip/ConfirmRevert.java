package ops.realip;

import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Outcome;
import ops.change.Ran;
import ops.change.Step;

/**
 * Confirms one armed revert (an edge's or the firewall's) by removing its pending token;
 * "gone" means its timer fired already. What that means for the whole change (which state the
 * network is in) is the plan's to say.
 */
final class ConfirmRevert implements Step {
    /** What the plan says when the revert fired already, or when its host did not answer. */
    interface Said {
        String gone();

        String lost(OpsException e);
    }

    private final Host host;
    private final String what;
    private final Command confirm;
    private final Runnable confirmed;
    private final Said said;
    private final boolean afterChange;

    /**
     * @param confirmed  run once it is confirmed (the record learns it)
     * @param afterChange within the change (a failure stops it, leaving the rest to the reverts), or later by hand
     */
    ConfirmRevert(Host host, String what, Command confirm, Runnable confirmed, Said said, boolean afterChange) {
        this.host = host;
        this.what = what;
        this.confirm = confirm;
        this.confirmed = confirmed;
        this.said = said;
        this.afterChange = afterChange;
    }

    @Override
    public Host host() { return host; }

    @Override
    public String why() { return "confirm " + what + ": disarm its auto-revert"; }

    @Override
    public Command command() { return confirm; }

    @Override
    public Next settled(Ran ran) {
        if (ran.answered() && ran.result().orElseThrow().out().strip().equals("confirmed")) {
            confirmed.run();
            return Next.done();
        }
        if (!ran.answered()) {
            OpsException e = ran.failure().orElseThrow();
            if (!afterChange) return Next.fail(new OpsException(said.lost(e), e, 2));
            return new Next.Stop(Outcome.LEFT_TO_REVERT, said.lost(e));
        }
        if (!afterChange) return Next.fail(new OpsException(said.gone(), null, 2));
        return new Next.Stop(Outcome.TOO_LATE, said.gone());
    }
}
