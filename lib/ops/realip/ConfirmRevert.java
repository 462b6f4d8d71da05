package ops.realip;

import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Outcome;
import ops.change.Ran;
import ops.change.Step;
import ops.change.Verdict;

/**
 * Confirms one armed revert (an edge's or the firewall's) by removing its pending token;
 * "gone" means its timer fired already. When the answer is lost, it confirms again (over a new
 * connection if need be), in a way that also tells a confirmation that went in from a revert
 * that fired. What a failure means for the whole change (which state the network is in) is the
 * plan's to say.
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
    private final Command again;
    private final Runnable confirmed;
    private final Said said;
    private final boolean afterChange;

    /**
     * @param again       confirms again after a lost answer, idempotent: prints "confirmed" (now, or it went in before) or "gone"
     * @param confirmed   run once it is confirmed (the record learns it)
     * @param afterChange within the change (a failure stops it, leaving the rest to the reverts), or later by hand
     */
    ConfirmRevert(Host host, String what, Command confirm, Command again, Runnable confirmed, Said said, boolean afterChange) {
        this.host = host;
        this.what = what;
        this.confirm = confirm;
        this.again = again;
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

    /** Only after a lost answer: confirmed again, or it went in the first time. */
    @Override
    public Optional<Check> verify() {
        return Optional.of(new Check(host, "the revert is disarmed (confirmed again only if the answer was lost)", again.within(Duration.ofSeconds(15)),
                Duration.ofSeconds(20), (remote, r) -> r.ok() && r.out().strip().equals("confirmed")));
    }

    @Override
    public Next settled(Ran ran) {
        if (ran.answered() && ran.result().orElseThrow().out().strip().equals("confirmed")) {
            confirmed.run();
            return Next.done();
        }
        if (!ran.answered()) return Next.verify();
        return failed(Outcome.TOO_LATE, said.gone(), null);
    }

    @Override
    public Next verified(Ran ran, Verdict v) {
        if (v.holds()) {
            confirmed.run();
            return Next.done();
        }
        if (v.read().isPresent() && v.read().get().out().strip().equals("gone")) return failed(Outcome.TOO_LATE, said.gone(), null);
        OpsException e = ran.failure().orElseGet(() -> new OpsException(v.why()));
        return failed(Outcome.LEFT_TO_REVERT, said.lost(e), e);
    }

    private Next failed(Outcome o, String say, OpsException cause) {
        return afterChange ? new Next.Stop(o, say) : Next.fail(new OpsException(say, cause, 2));
    }
}
