package ops.defaultgw;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Status;
import ops.change.Step;
import ops.change.RemoteLock;

/**
 * Arms the revert on the firewall before anything changes: a detached timer runs the snippet
 * {@link KeepAcrossReboot} stored unless confirmed in time, then frees the change's lock. If the
 * answer is lost the timer may or may not be armed: it is disarmed, so nothing changed.
 */
final class ArmRevert implements Step {
    private final Host firewall;
    private final String id;
    private final String previous;
    private final RevertWindow window;
    private final DefaultRouteRecord record;
    private final String lock;

    ArmRevert(Host firewall, String previous, RevertWindow window, DefaultRouteRecord record) {
        this(firewall, previous, window, record, DefaultRoutePlans.LOCK);
    }

    /** @param lock the change lock the revert frees once it has run (the plan's, which may be another script's) */
    ArmRevert(Host firewall, String previous, RevertWindow window, DefaultRouteRecord record, String lock) {
        this.lock = lock;
        this.firewall = firewall;
        this.id = record.id;
        this.previous = previous;
        this.window = window;
        this.record = record;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() {
        return "arm the auto-revert: back to " + previous + " in " + window.seconds() + " s unless confirmed";
    }

    @Override
    public Command command() {
        return Command.rootScript(RevertTimer.arm(id, window.seconds(), RemoteLock.path(lock))).within(Duration.ofSeconds(30));
    }

    /** The timer frees the lock once it has reverted; confirm, rollback or a disarm take that over. */
    @Override
    public boolean armsRevert() { return true; }

    @Override
    public List<Step> undo() { return List.of(new Disarm(firewall, id)); }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok()) {
            window.start();
            record.status = Status.APPLYING;
            return Next.done();
        }
        if (ran.answered()) {
            return new Next.Revert(new OpsException(firewall.name() + ": could not arm the auto-revert ("
                    + ran.result().orElseThrow().firstErrorLine() + "); nothing was changed"), false, Status.FAILED);
        }
        OpsException e = ran.failure().orElseThrow();
        if (!ran.sent()) return Next.fail(e); // the lock was not ours: nothing to clean up
        window.start();
        record.status = Status.FAILED;
        return new Next.Revert(new OpsException(e.getMessage() + "; nothing was changed: the default gateway is still " + previous, e, 3),
                true, Status.FAILED);
    }

    @Override
    public String putBack(Optional<OpsException> failed) {
        return failed.isEmpty() ? "" : "the firewall could not be reached to clean up: an armed revert (harmless, it restores "
                + previous + ") may fire at " + window.firesAt() + ", and the lock " + RemoteLock.path(lock)
                + " stays until then or until removed";
    }
}
