package ops.defaultgw;

import java.time.Duration;
import java.util.List;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.RemoteLock;
import ops.change.Status;
import ops.change.Step;

/**
 * First of all, the revert is stored where a reboot keeps it, with the boot hook that carries it
 * out if the firewall restarts inside the window ({@link BootRevert}). If the answer is lost it
 * may be there or not: it is removed, so nothing changed.
 */
final class KeepAcrossReboot implements Step {
    private final Host firewall;
    private final String revertPhp;
    private final DefaultRouteRecord record;
    private final String lock;

    KeepAcrossReboot(Host firewall, String revertPhp, DefaultRouteRecord record) {
        this(firewall, revertPhp, record, DefaultRoutePlans.LOCK);
    }

    /** @param lock the change lock the boot hook frees once it has reverted (the plan's, which may be another script's) */
    KeepAcrossReboot(Host firewall, String revertPhp, DefaultRouteRecord record, String lock) {
        this.lock = lock;
        this.firewall = firewall;
        this.revertPhp = revertPhp;
        this.record = record;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() {
        return "keep the revert across a reboot: " + BootRevert.snippet(record.id) + " and the boot hook " + BootRevert.hook(record.id)
                + " (pfSense runs it at boot: not confirmed, so it reverts)";
    }

    @Override
    public Command command() {
        return Command.rootScript(BootRevert.keep(record.id, record.previousDescribed, RemoteLock.path(lock)))
                .input(revertPhp).within(Duration.ofSeconds(30));
    }

    @Override
    public List<Step> undo() { return List.of(new Disarm(firewall, record.id)); }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok()) {
            String earlier = ran.result().orElseThrow().out().strip();
            return Next.done(earlier.isEmpty() ? "" : earlier.lines().map(l -> firewall.name() + ": earlier, " + l)
                    .collect(java.util.stream.Collectors.joining("\n")));
        }
        if (ran.answered()) {
            return new Next.Revert(new OpsException(firewall.name() + ": could not keep the revert across a reboot ("
                    + ran.result().orElseThrow().firstErrorLine() + "); nothing was changed"), true, Status.FAILED);
        }
        OpsException e = ran.failure().orElseThrow();
        if (!ran.sent()) return Next.fail(e);
        return new Next.Revert(new OpsException(e.getMessage() + "; nothing was changed: the default gateway is still "
                + record.previousDescribed, e, 3), true, Status.FAILED);
    }
}
