package ops.defaultgw;

import java.util.Optional;
import ops.change.Command;
import ops.change.Host;
import ops.change.Step;
import ops.model.DefaultGateway;
import ops.model.Gateway;
import ops.model.Topology;
import ops.text.Shell;

/**
 * default-route's steps for another script's plan (real-ip): the same revert armed on the
 * firewall, the same set-and-verify over a new connection, so that what changes in them (a
 * revert that survives a reboot, say) applies to both scripts.
 */
public final class DefaultRouteSteps {
    private DefaultRouteSteps() {}

    /** The record of the default-route part of a change: what it replaces and the PHP that puts it back. */
    public static DefaultRouteRecord record(Topology t, String script, String id, String firewall, String gateway) {
        DefaultRouteRecord r = new DefaultRouteRecord();
        r.script = script;
        r.id = id;
        r.firewall = firewall;
        r.previous = t.config().defaultGw4().orElse("");
        r.previousDescribed = t.defaultGateway().describe();
        r.chosen = gateway;
        r.configRevision = revision(t);
        r.revertPhp = DefaultGatewayPhp.revert(gateway, r.previous, "ops " + script + ": revert " + id + " to " + r.previousDescribed);
        r.autoRevert = true;
        return r;
    }

    /** The PHP that sets defaultgw4 = gateway, guarded by the revision the model was read at. */
    public static String setPhp(Topology t, String gateway, String description) {
        return DefaultGatewayPhp.set(revision(t), gateway, description);
    }

    /** The network as it would be with the default (configured and live) on this gateway. */
    public static Topology predicted(Topology t, Gateway g) {
        return t.withDefault(new DefaultGateway(DefaultGateway.Kind.GATEWAY, g.name(), "defaultgw4"), DefaultRoute.withDefaultVia(t.routes(), g));
    }

    /** The gateway the live default route goes by ("none", or the next hop when no gateway has it). */
    public static String liveDefault(Topology t) {
        return DefaultRoute.liveDefault(t);
    }

    /**
     * Stores the revert where a reboot keeps it, with the boot hook that carries it out if the firewall
     * restarts inside the window ({@link BootRevert}); it frees {@code lock} then. Its undo: disarm. Comes
     * right before {@link #arm}, which starts the timer on what this stored.
     */
    public static Step keepAcrossReboot(Host firewall, DefaultRouteRecord rec, String lock) {
        return new KeepAcrossReboot(firewall, rec.revertPhp, rec, lock);
    }

    /** Arms the timer of the revert that {@link #keepAcrossReboot} stored; it frees {@code lock} once it has run. Its undo: disarm. */
    public static Step arm(Host firewall, DefaultRouteRecord rec, RevertWindow window, String lock) {
        return new ArmRevert(firewall, rec.previousDescribed, window, rec, lock);
    }

    /** Sets defaultgw4 and reads the live default route back over {@code readBack} (a new connection). */
    public static Step set(Host firewall, String setPhp, Gateway via, Host readBack, DefaultRouteRecord rec, RevertWindow window) {
        return new SetDefault(firewall, setPhp, via, readBack, rec.previousDescribed, Optional.of(window), rec);
    }

    /** Restores the previous default now, only while defaultgw4 still holds the change's value. */
    public static Step revertNow(Host firewall, DefaultRouteRecord rec) {
        return new RevertNow(firewall, rec.revertPhp);
    }

    /**
     * Fires the armed revert now, if it is still pending: what the timer would do, without the
     * wait. Prints "gone" when nothing was pending; the snippet exits {@link ops.pfsense.PhpSnippet#REVISION_CHANGED}
     * when the default never moved (nothing to put back).
     */
    public static Command fireNow(String id) {
        return Command.rootScript("if rm " + Shell.quote(BootRevert.hook(id)) + " 2>/dev/null; then php -q < "
                + Shell.quote(BootRevert.snippet(id)) + "; rc=$?; " + BootRevert.removeAll(id) + "; exit $rc; else echo gone; fi")
                .within(java.time.Duration.ofSeconds(90));
    }

    /** Disarms the armed revert: prints "confirmed", or "gone" when it already fired. */
    public static Command confirm(String id) {
        return Command.rootScript(RevertTimer.confirm(id));
    }

    /**
     * Confirms again after a lost answer: prints "confirmed" when it disarms the revert now, or when
     * it is disarmed already while defaultgw4 still holds the change's value (the lost confirmation
     * went in), "gone" once the revert fired (one firing at that very moment reads as confirmed for
     * the seconds its apply takes).
     */
    public static Command confirmAgain(String id, String gateway) {
        return Command.rootScript("if rm " + Shell.quote(BootRevert.hook(id)) + " 2>/dev/null; then " + BootRevert.removeAll(id)
                + "; echo confirmed; elif grep -q "
                + Shell.quote("<defaultgw4>" + gateway + "</defaultgw4>") + " /conf/config.xml; then echo confirmed; else echo gone; fi");
    }

    private static String revision(Topology t) {
        return t.config().revision().map(r -> r.time()).orElse("");
    }
}
