package ops.realip;

import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Step;
import ops.defaultgw.DefaultRouteSteps;
import ops.pfsense.PhpSnippet;

/**
 * Puts the default route back now by firing the firewall's armed revert early: its stored
 * snippet, which reverts only while defaultgw4 still holds the change's value (so a default that
 * never moved is left alone).
 */
final class FireFirewallRevert implements Step {
    private final Host firewall;
    private final String id;
    private final String previous;

    FireFirewallRevert(Host firewall, String id, String previous) {
        this.firewall = firewall;
        this.id = id;
        this.previous = previous;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() { return "put the default gateway back to " + previous + " now (the armed revert, fired early)"; }

    @Override
    public Command command() { return DefaultRouteSteps.fireNow(id); }

    @Override
    public Next settled(Ran ran) {
        if (!ran.answered()) return Next.fail(ran.failure().orElseThrow());
        var r = ran.result().orElseThrow();
        if (r.ok() || r.exit() == PhpSnippet.REVISION_CHANGED) return Next.done();
        return Next.fail(new OpsException(firewall.name() + ": putting the default gateway back failed: " + r.firstErrorLine()));
    }
}
