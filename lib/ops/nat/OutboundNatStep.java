package ops.nat;

import java.time.Duration;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Command;
import ops.change.Host;
import ops.change.Next;
import ops.change.Ran;
import ops.change.Status;
import ops.change.Step;
import ops.change.Verdict;
import ops.pfsense.OutboundNatEdit;
import ops.pfsense.PhpSnippet;

/**
 * pfSense's outbound NAT edit for the gateway's interface, through pfSense's own functions and
 * write_config, guarded by config.xml's revision. Its output says what it removed, which is how
 * it is undone. When it fails after the edge was changed, the edge is put back.
 */
final class OutboundNatStep implements Step {
    private final Host firewall;
    private final String why;
    private final OutboundNatEdit edit;
    private final String revision;
    private final String description;
    private final String device;
    private final boolean nat;
    private final Optional<NatRecord> record;
    private final boolean afterEdge;

    /**
     * @param nat       whether pfSense NATs out {@code device} once it is done
     * @param record    the change's record, told how to undo the edit (none for an undo)
     * @param afterEdge the edge was changed first: a failure here puts it back
     */
    OutboundNatStep(Host firewall, String why, OutboundNatEdit edit, String revision, String description, String device, boolean nat,
                    Optional<NatRecord> record, boolean afterEdge) {
        this.firewall = firewall;
        this.why = why;
        this.edit = edit;
        this.revision = revision;
        this.description = description;
        this.device = device;
        this.nat = nat;
        this.record = record;
        this.afterEdge = afterEdge;
    }

    @Override
    public Host host() { return firewall; }

    @Override
    public String why() { return why; }

    @Override
    public Command command() {
        return Command.asRoot(PhpSnippet.COMMAND).input(edit.php(revision, description)).within(Duration.ofSeconds(60));
    }

    /** pfSense reloads the filter asynchronously: `pfctl -sn` shows "nat on DEV" / "no nat on DEV" once it is done. */
    @Override
    public Optional<Check> verify() {
        return Optional.of(new Check(firewall, "`pfctl -sn` shows " + (nat ? "NAT" : "no NAT") + " out " + device,
                Command.asRoot("pfctl -sn").within(Duration.ofSeconds(20)), Duration.ofSeconds(15), (remote, r) -> {
                    boolean nonat = r.out().lines().anyMatch(l -> l.startsWith("no nat on " + device + " "));
                    boolean natted = r.out().lines().anyMatch(l -> l.startsWith("nat on " + device + " "));
                    return r.ok() && (nat ? natted && !nonat : !natted || nonat);
                }));
    }

    @Override
    public String undoSays() {
        return record.isEmpty() ? "" : "the inverse edit, from the rules its output says it removed (kept in the record)";
    }

    @Override
    public Next settled(Ran ran) {
        if (ran.ok()) {
            String output = ran.result().orElseThrow().out();
            record.ifPresent(r -> {
                String removed = output.lines().filter(l -> l.startsWith("removed ")).map(l -> l.substring(8)).findFirst().orElse("[]");
                r.firewallUndo = new NatRecord.FirewallUndo(edit.inverse(removed).specJson());
                output.lines().filter(l -> l.startsWith("revision ")).findFirst().ifPresent(l -> r.configRevisionAfter = l.substring(9));
            });
            return Next.verify();
        }
        return new Next.Revert(failure(ran), false, Status.REVERTED);
    }

    @Override
    public Next verified(Ran ran, Verdict v) {
        return Next.done(v.holds() ? "" : "warning: " + firewall.name() + ": config saved, but `pfctl -sn` does not show the change yet;"
                + " check Status > Filter Reload");
    }

    private OpsException failure(Ran ran) {
        OpsException e;
        if (ran.answered()) {
            var r = ran.result().orElseThrow();
            var refused = command().refusal(firewall.remote(), r);
            if (refused.isPresent()) e = new OpsException(refused.get());
            else if (r.exit() == PhpSnippet.REVISION_CHANGED) {
                e = new OpsException(firewall.name() + ": " + r.firstErrorLine() + "; someone else changed the firewall: nothing was changed, run again", null, 2);
            } else e = new OpsException(firewall.name() + ": the outbound NAT change failed: " + r.firstErrorLine());
        } else {
            e = ran.failure().orElseThrow();
        }
        if (!afterEdge) return e;
        return new OpsException(e.getMessage().replace(": nothing was changed", ": the firewall was not changed"), e, e.exitCode());
    }
}
