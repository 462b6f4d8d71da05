package ops.defaultgw;

import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Outcome;
import ops.change.Ran;
import ops.change.Status;
import ops.change.Step;
import ops.change.Verdict;
import ops.model.Gateway;
import ops.net.IpAddress;
import ops.pfsense.PhpSnippet;
import ops.route.NetstatReader;
import ops.route.Route;

/**
 * Sets defaultgw4 through pfSense's functions, guarded by config.xml's revision. The route
 * change may cut this very connection, so a lost answer is no failure: whether the live default
 * route moved is read over a new connection, which also proves the firewall is still reachable.
 * Without the safety net (--no-confirm) it is read over the same one.
 */
final class SetDefault implements Step {
    private final Host firewall;
    private final String setPhp;
    private final Gateway via;
    private final Host readBack;
    private final String previous;
    private final Optional<RevertWindow> window;
    private final DefaultRouteRecord record;

    /** @param window the armed revert's, or empty with --no-confirm */
    SetDefault(Host firewall, String setPhp, Gateway via, Host readBack, String previous, Optional<RevertWindow> window, DefaultRouteRecord record) {
        this.firewall = firewall;
        this.setPhp = setPhp;
        this.via = via;
        this.readBack = readBack;
        this.previous = previous;
        this.window = window;
        this.record = record;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() { return "set defaultgw4 = " + record.chosen + " (write_config, routing apply)"; }

    /** A change that cuts this connection leaves it hanging: wait well inside the revert window. */
    @Override
    public Command command() {
        int seconds = window.map(RevertWindow::seconds).orElse(120);
        return Command.asRoot(PhpSnippet.COMMAND).input(setPhp).within(Duration.ofSeconds(Math.max(10, Math.min(30, seconds / 3))));
    }

    @Override
    public Optional<Check> verify() {
        return Optional.of(new Check(readBack, "the live default route is via " + via.name() + " (" + via.addressText() + ")",
                Command.asLogin("netstat -rn").within(Duration.ofSeconds(15)), Duration.ofSeconds(15), (remote, r) -> r.ok()
                && NetstatReader.read(remote.name() + ":netstat -rn", r.out()).routes(IpAddress.Family.INET).stream()
                .filter(Route::isDefault).findFirst().flatMap(Route::gatewayAddress).equals(via.address())));
    }

    @Override
    public String undoSays() {
        return window.isPresent() ? "the armed revert puts " + previous + " back unless a new connection confirms"
                : "none armed (--no-confirm): default-route FIREWALL rollback";
    }

    @Override
    public Next settled(Ran ran) {
        if (ran.answered() && ran.exit() > 0) {
            record.status = Status.FAILED;
            var r = ran.result().orElseThrow();
            return new Next.Revert(new OpsException(firewall.name() + ": " + r.firstErrorLine() + "; nothing was changed", null,
                    r.exit() == PhpSnippet.REVISION_CHANGED ? 2 : 3), false, Status.FAILED);
        }
        if (!ran.sent()) return Next.fail(ran.failure().orElseThrow());
        // applied, or the answer was cut off (the route change may well cut this very connection): the read-back decides
        record.status = window.isPresent() ? Status.AWAITING_CONFIRMATION : Status.APPLIED;
        return Next.verify(window.map(w -> "Applied. Proving " + firewall.machine() + " is reachable over a new connection; it reverts by itself at "
                + w.firesAt() + " otherwise.").orElse(""));
    }

    @Override
    public Next verified(Ran ran, Verdict v) {
        if (v.holds()) return Next.done();
        if (window.isEmpty()) return new Next.Stop(Outcome.NOT_VERIFIED, "warning: applied, but the live default route has not moved to " + via.name());
        RevertWindow w = window.get();
        if (v.state() == Verdict.State.UNREACHABLE) {
            return new Next.Stop(Outcome.LEFT_TO_REVERT, firewall.machine() + " is NOT reachable over a new connection (" + v.why() + "): it reverts to "
                    + previous + " by itself at " + w.firesAt() + " (within " + w.seconds() + " s of applying).");
        }
        return new Next.Stop(Outcome.LEFT_TO_REVERT, firewall.machine() + ": reachable, but the live default route did not move to " + via.name()
                + "; not confirming: it reverts by itself at " + w.firesAt() + " (or run default-route rollback now)");
    }
}
