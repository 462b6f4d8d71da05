package ops.defaultgw;

import ops.change.Command;
import ops.change.Host;
import ops.change.Step;
import ops.text.Shell;

/** Removes the armed revert's pending token: the timer then finds nothing to do. */
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
    public String why() { return "disarm the auto-revert of " + id; }

    @Override
    public Command command() { return Command.asRoot("rm -f " + Shell.quote(RevertTimer.pending(id))); }
}
