package ops.defaultgw;

import java.util.Optional;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Outcome;
import ops.change.Ran;
import ops.change.Status;
import ops.change.Step;

/**
 * Confirms a change by removing the armed revert's pending token (and the rest of it); "gone"
 * means the timer already fired, or a reboot came first and the boot hook reverted (it says so). Run right after a change over the new connection that proved the firewall is
 * reachable, or later by hand (`default-route FIREWALL confirm`).
 */
final class ConfirmChange implements Step {
    private final Host firewall;
    private final DefaultRouteRecord record;
    private final Optional<RevertWindow> window;

    private ConfirmChange(Host firewall, DefaultRouteRecord record, Optional<RevertWindow> window) {
        this.firewall = firewall;
        this.record = record;
        this.window = window;
    }

    /** Right after the change, inside the revert window. */
    static ConfirmChange afterChange(Host newConnection, DefaultRouteRecord record, RevertWindow window) {
        return new ConfirmChange(newConnection, record, Optional.of(window));
    }

    /** Later, by hand: the latest recorded change. */
    static ConfirmChange byHand(Host firewall, DefaultRouteRecord record) {
        return new ConfirmChange(firewall, record, Optional.empty());
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() {
        return window.isPresent() ? "prove the firewall is reachable after the change, then confirm" : "confirm " + record.id + ": disarm its auto-revert";
    }

    @Override
    public Command command() { return Command.rootScript(RevertTimer.confirm(record.id)); }

    @Override
    public Next settled(Ran ran) {
        if (ran.answered() && ran.result().orElseThrow().out().strip().equals("confirmed")) {
            record.status = Status.CONFIRMED;
            return Next.done();
        }
        if (window.isEmpty()) {
            if (!ran.answered()) return Next.fail(ran.failure().orElseThrow());
            String boot = bootReport(ran.result().orElseThrow().out());
            return Next.fail(new OpsException("nothing to confirm for " + record.id + ": " + (boot.isEmpty()
                    ? "it was confirmed already or has reverted (status: " + record.status.word() + ")" : boot), null, 2));
        }
        String fw = firewall.machine();
        if (!ran.answered()) {
            return new Next.Stop(Outcome.LEFT_TO_REVERT, fw + ": could not confirm (" + ran.failure().orElseThrow().getMessage()
                    + "): the new default stays only until " + window.get().firesAt() + ", when it reverts to " + record.previousDescribed
                    + " by itself; run `default-route " + fw + " confirm` before then to keep it");
        }
        String boot = bootReport(ran.result().orElseThrow().out());
        return new Next.Stop(Outcome.TOO_LATE, fw + ": too late to confirm: " + (boot.isEmpty() ? "the auto-revert already ran ("
                + ran.result().orElseThrow().firstErrorLine() + ")" : boot));
    }

    /** What the boot hook reported before "gone" (the firewall rebooted inside the window), or "". */
    private static String bootReport(String out) {
        return out.strip().lines().filter(l -> !l.equals("gone")).findFirst().orElse("");
    }
}
