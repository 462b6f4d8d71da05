package ops.defaultgw;

import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Step;
import ops.text.Shell;

/**
 * Removes every trace of a change's revert: the pending token (a timer still sleeping then finds
 * nothing to do), the boot hook, the snippet, the mark; and says what the boot did, if it reverted.
 */
final class Disarm implements Step {
    private final Host firewall;
    private final String id;

    Disarm(Host firewall, String id) {
        this.firewall = firewall;
        this.id = id;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() { return "disarm the auto-revert of " + id + " (timer and boot hook)"; }

    @Override
    public Command command() {
        String report = Shell.quote(BootRevert.report(id));
        return Command.rootScript("head -n 1 " + report + " 2>/dev/null; rm -f " + report + "; " + BootRevert.removeAll(id));
    }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok() && !ran.result().orElseThrow().out().isBlank()) {
            return Next.done(firewall.name() + ": " + ran.result().orElseThrow().out().strip());
        }
        return Step.super.settled(ran);
    }
}
