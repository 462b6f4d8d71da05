package ops.defaultgw;

import java.time.Duration;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Step;
import ops.pfsense.PhpSnippet;

/** Rollback by hand: runs the recorded revert snippet now; it reverts only while defaultgw4 still holds the change's value. */
final class RevertNow implements Step {
    private final Host firewall;
    private final String revertPhp;

    RevertNow(Host firewall, String revertPhp) {
        this.firewall = firewall;
        this.revertPhp = revertPhp;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() { return "restore defaultgw4 (write_config, routing apply)"; }

    @Override
    public Command command() {
        return Command.asRoot(PhpSnippet.COMMAND).input(revertPhp).within(Duration.ofSeconds(90));
    }

    @Override
    public Next settled(Ran ran) {
        if (!ran.answered()) return Next.fail(ran.failure().orElseThrow());
        var r = ran.result().orElseThrow();
        if (r.exit() == PhpSnippet.REVISION_CHANGED) {
            return Next.done(firewall.name() + ": " + r.firstErrorLine() + " (it already reverted, or someone changed it since)");
        }
        if (!r.ok()) return Next.fail(new OpsException(firewall.name() + ": rollback failed: " + r.firstErrorLine()));
        return Next.done();
    }
}
