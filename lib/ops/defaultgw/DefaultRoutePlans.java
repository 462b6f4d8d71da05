package ops.defaultgw;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.change.Host;
import ops.change.Journal;
import ops.change.Locking;
import ops.change.Plan;
import ops.change.Status;
import ops.change.Step;
import ops.model.Gateway;
import ops.remote.Network;

/**
 * default-route's plans, commit-confirmed: keep a revert on the firewall that a reboot carries
 * out, arm its timer, set, read the live default route back over a new connection, confirm over it. The lock taken for a change is
 * freed by its confirmation, its rollback, or the armed revert itself.
 */
final class DefaultRoutePlans {
    private DefaultRoutePlans() {}

    static final String LOCK = "default-route";

    /**
     * @param described the new setting as people read it ("group FAILOVER")
     * @param window    the revert's window, or empty with --no-confirm (no safety net)
     */
    static Plan set(Network net, Journal<DefaultRouteRecord> journal, String described, String setPhp, Gateway via, Optional<RevertWindow> window) {
        DefaultRouteRecord rec = journal.record();
        Host fw = Host.of(net.firewall());
        List<Step> steps = new ArrayList<>();
        window.ifPresent(w -> {
            steps.add(new KeepAcrossReboot(fw, rec.revertPhp, rec));
            steps.add(new ArmRevert(fw, rec.previousDescribed, w, rec));
        });
        Host readBack = window.isPresent() ? Host.newConnection(net.firewallName(), net::newFirewallConnection) : fw;
        steps.add(new SetDefault(fw, setPhp, via, readBack, rec.previousDescribed, window, rec));
        window.ifPresent(w -> steps.add(ConfirmChange.afterChange(readBack, rec, w)));
        return new Plan("default gateway " + described, steps, Optional.of("Set the default gateway of " + net.firewallName() + " to "
                + described + "?"), journal, Locking.take(LOCK, "default-route " + rec.id), window.isPresent() ? Status.CONFIRMED : Status.APPLIED);
    }

    /** Confirms the recorded change by hand; the change's lock is freed once it is. */
    static Plan confirm(Network net, Journal<DefaultRouteRecord> journal) {
        return new Plan("confirm " + journal.record().id, List.of(ConfirmChange.byHand(Host.of(net.firewall()), journal.record())),
                Optional.empty(), journal, Locking.adopt(LOCK), Status.CONFIRMED);
    }

    /** Puts back the default gateway from before the recorded change, now; the armed revert must not run it a second time. */
    static Plan rollback(Network net, Journal<DefaultRouteRecord> journal) {
        DefaultRouteRecord rec = journal.record();
        Host fw = Host.of(net.firewall());
        return new Plan("rollback " + rec.id, List.of(new Disarm(fw, rec.id), new RevertNow(fw, rec.revertPhp)),
                Optional.of("Roll " + net.firewallName() + " back to " + rec.previousDescribed + "?"), journal, Locking.adopt(LOCK), Status.ROLLED_BACK);
    }
}
