package ops.realip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import ops.base.OpsException;
import ops.change.Command;
import ops.change.Host;
import ops.change.Journal;
import ops.change.Locking;
import ops.change.Next;
import ops.change.Outcome;
import ops.change.Plan;
import ops.change.Status;
import ops.change.Step;
import ops.change.Verdict;
import ops.defaultgw.DefaultRouteRecord;
import ops.defaultgw.DefaultRouteSteps;
import ops.defaultgw.RevertWindow;
import ops.nat.EdgeChange;
import ops.nat.EdgeMasquerade;
import ops.nat.NatRecord;
import ops.nat.Persistence;
import ops.remote.Network;
import ops.text.Shell;

/**
 * real-ip's plans. `set`: (1) arm the firewall's revert; (2) the other gateways that need it
 * masquerade, each with a revert armed on its edge; (3) the default route moves to the target,
 * read back over a new connection; (4) a revert armed on the target's edge, then its masquerade
 * off; (5) confirm in the order that keeps every intermediate state safe (the others, the
 * firewall, the target) and persist the edges' rules only then. Any failure before (5) puts
 * everything back now, newest first (the target's masquerade, the default route, the others'
 * masquerade), or, where a host cannot be reached, its armed revert does. `confirm` and `undo`
 * act on the record.
 */
final class RealIpPlans {
    private RealIpPlans() {}

    static final String LOCK = "real-ip";

    /** The hosts of one run: one {@link Host} per machine, so that a step, its lock and its read-back share them. */
    record Hosts(Host firewall, Host firewallNew, Map<String, Host> edges, Map<String, Persistence> persistence) {
        Host edge(String gateway) { return edges.get(gateway); }
    }

    /** @param probe measures the end state from a vantage before anything is confirmed (--from) */
    static Plan set(Network net, Staging s, EdgeMasquerade target, Hosts h, Journal<RealIpRecord> journal, RevertSchedule schedule,
                    Optional<Step> probe) {
        RealIpRecord rec = journal.record();
        String fw = Shell.quote(net.firewallName()), x = s.target().name();
        Said said = new Said(fw, x, s, rec, schedule);
        List<Step> steps = new ArrayList<>();
        List<Step> confirms = new ArrayList<>();
        RevertWindow fwWindow = new RevertWindow(schedule.firewallSeconds());
        DefaultRouteRecord dr = rec.defaultRoute;

        if (s.moveDefault()) {
            steps.add(DefaultRouteSteps.keepAcrossReboot(h.firewall(), dr, LOCK));
            steps.add(Reframed.of(DefaultRouteSteps.arm(h.firewall(), dr, fwWindow, LOCK)).next(n -> {
                if (n instanceof Next.Go) schedule.start();
                return n;
            }));
        }
        for (int i = 0; i < s.masqueradeFirst().size(); i++) {
            EdgeMasquerade y = s.masqueradeFirst().get(i);
            NatRecord nr = rec.masqueraded.get(i);
            Host eh = h.edge(y.gateway());
            boolean last = i == s.masqueradeFirst().size() - 1;
            steps.add(Reframed.of(y.apply(eh, true, nr, true))
                    .next(n -> n instanceof Next.Fail f ? new Next.Revert(f.failure(), true, Status.FAILED) : n));
            ArmEdgeRevert arm = new ArmEdgeRevert(eh, edgeId(rec, y.gateway()), y.gateway(), () -> removal(nr, y), Optional.empty(),
                    schedule::othersSeconds, schedule, LOCK, y.masquerading(eh, false));
            steps.add(Reframed.of(arm).undo(List.of(arm.disarmOnly())).saying(failed -> failed.isEmpty() ? ""
                    : eh.name() + " could not be disarmed (" + failed.get().getMessage() + ")").next(reached(rec, last ? s.stages().get(1) : null)));
            confirms.add(new ConfirmRevert(eh, y.gateway() + "'s masquerade", Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, y.gateway()))),
                    Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, y.gateway()))), () -> nr.status = Status.CONFIRMED, said.other(y.gateway(), eh.name()), true));
            y.persist(eh, h.persistence().get(y.gateway()), rec.id, Optional.of(nr)).ifPresent(confirms::add);
        }
        if (s.moveDefault()) {
            int stage = s.masqueradeFirst().isEmpty() ? 1 : 2;
            steps.add(Reframed.of(DefaultRouteSteps.set(h.firewall(), DefaultRouteSteps.setPhp(s.now().topology(), x,
                            "ops real-ip " + rec.id + ": default gateway " + x + " (was " + dr.previousDescribed + ")"), s.target(), h.firewallNew(), dr, fwWindow))
                    .undo(List.of(new FireFirewallRevert(h.firewallNew(), dr.id, dr.previousDescribed)))
                    .saying(failed -> failed.map(e -> net.firewallName() + " could not be reached to put the default back now (" + e.getMessage()
                            + "): its armed revert puts " + dr.previousDescribed + " back at " + fwWindow.firesAt()).orElse("the default gateway is "
                            + dr.previousDescribed + " again"))
                    // reachable but not moved: put everything back now; not reachable: the armed reverts will
                    .verified((v, n) -> n instanceof Next.Stop st && v.state() != Verdict.State.UNREACHABLE
                            ? new Next.Revert(new OpsException(net.firewallName() + ": the live default route did not move to " + x
                            + "; putting everything back now", null, 2), true, Status.FAILED) : n)
                    .next(n -> n instanceof Next.Fail f ? new Next.Revert(f.failure(), false, Status.FAILED)
                            : n instanceof Next.Stop st ? new Next.Stop(st.outcome(), st.say() + "; " + said.allRevert()) : n)
                    .next(reached(rec, s.stages().get(stage))));
            confirms.add(new ConfirmRevert(h.firewallNew(), "the default route", DefaultRouteSteps.confirm(dr.id),
                    DefaultRouteSteps.confirmAgain(dr.id, x), () -> dr.status = Status.CONFIRMED, said.firewall(dr.previousDescribed), true));
        }
        if (s.unmasquerade()) {
            NatRecord xr = rec.realIp;
            Host eh = h.edge(x);
            EdgeChange restore = target.plannedUndo(false).orElseThrow();
            ArmEdgeRevert arm = new ArmEdgeRevert(eh, edgeId(rec, x), x, () -> restore,
                    Optional.of(EdgeRevertTimer.masquerading(target.tool(), target.tunnel())), schedule::targetSecondsNow, schedule, LOCK,
                    target.masquerading(eh, true));
            steps.add(arm);
            steps.add(Reframed.of(target.apply(eh, false, xr, false)).undo(List.of()).failureRevertsAll().next(reached(rec, s.end())));
            confirms.add(new ConfirmRevert(eh, x + "'s masquerade off", Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, x))),
                    Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, x))), () -> xr.status = Status.CONFIRMED, said.target(eh.name()), true));
            target.persist(eh, h.persistence().get(x), rec.id, Optional.of(xr)).ifPresent(confirms::add);
        }
        probe.ifPresent(steps::add);
        steps.addAll(confirms);
        return new Plan("make " + x + " the one real-IP gateway of " + net.firewallName(), steps,
                Optional.of("Make " + x + " the one real-IP gateway of " + net.firewallName() + "?"), journal,
                Locking.take(LOCK, "real-ip " + rec.id + " on " + net.firewallName()), Status.CONFIRMED);
    }

    /** Confirms by hand what the record says is still armed, in the same order as the change does. */
    static Plan confirm(Network net, RealIpRecord rec, Map<String, EdgeMasquerade> edges, Hosts h, Journal<RealIpRecord> journal) {
        List<Step> steps = new ArrayList<>();
        String fw = Shell.quote(net.firewallName());
        for (NatRecord nr : rec.masqueraded) {
            if (nr.status == Status.CONFIRMED) continue;
            Host eh = h.edge(nr.gateway);
            steps.add(new ConfirmRevert(eh, nr.gateway + "'s masquerade", Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, nr.gateway))),
                    Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, nr.gateway))), () -> nr.status = Status.CONFIRMED, byHand(eh.name() + "'s revert (masquerade off again on " + nr.gateway + ")", fw), false));
            edges.get(nr.gateway).persist(eh, h.persistence().get(nr.gateway), rec.id, Optional.of(nr)).ifPresent(steps::add);
        }
        if (rec.defaultRoute != null && rec.defaultRoute.status != Status.CONFIRMED) {
            DefaultRouteRecord dr = rec.defaultRoute;
            steps.add(new ConfirmRevert(h.firewall(), "the default route", DefaultRouteSteps.confirm(dr.id),
                    DefaultRouteSteps.confirmAgain(dr.id, dr.chosen), () -> dr.status = Status.CONFIRMED, byHand("the firewall's revert (the default back to " + dr.previousDescribed + ")", fw), false));
        }
        if (rec.realIp != null && rec.realIp.status != Status.CONFIRMED) {
            NatRecord xr = rec.realIp;
            Host eh = h.edge(xr.gateway);
            steps.add(new ConfirmRevert(eh, xr.gateway + "'s masquerade off", Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, xr.gateway))),
                    Command.rootScript(EdgeRevertTimer.confirm(edgeId(rec, xr.gateway))), () -> xr.status = Status.CONFIRMED, byHand(eh.name() + "'s revert (masquerade back on " + xr.gateway + ")", fw), false));
            edges.get(xr.gateway).persist(eh, h.persistence().get(xr.gateway), rec.id, Optional.of(xr)).ifPresent(steps::add);
        }
        return new Plan("confirm " + rec.id, steps, Optional.empty(), journal, Locking.adopt(LOCK), Status.CONFIRMED);
    }

    /**
     * Reverses the recorded change in the safe order, as far as the network still shows it: the
     * target masquerades again, the default goes back, the others stop masquerading.
     */
    static Plan undo(Network net, RealIpRecord rec, Map<String, EdgeMasquerade> edges, Hosts h, Journal<RealIpRecord> journal) {
        List<Step> steps = new ArrayList<>();
        NatRecord xr = rec.realIp;
        if (xr != null && xr.edgeUndo != null && !edges.get(xr.gateway).masquerades()) {
            EdgeMasquerade m = edges.get(xr.gateway);
            Host eh = h.edge(xr.gateway);
            steps.add(m.undo(eh, xr.edgeUndo, xr.edgeBefore == null ? "" : xr.edgeBefore));
            m.persist(eh, h.persistence().get(xr.gateway), rec.id + "-undo", Optional.empty()).ifPresent(steps::add);
        }
        if (rec.defaultRoute != null) steps.add(DefaultRouteSteps.revertNow(h.firewall(), rec.defaultRoute));
        for (NatRecord nr : rec.masqueraded) {
            EdgeMasquerade m = edges.get(nr.gateway);
            if (nr.edgeUndo == null || !m.masquerades()) continue;
            Host eh = h.edge(nr.gateway);
            steps.add(m.undo(eh, nr.edgeUndo, nr.edgeBefore == null ? "" : nr.edgeBefore));
            m.persist(eh, h.persistence().get(nr.gateway), rec.id + "-undo", Optional.empty()).ifPresent(steps::add);
        }
        return new Plan("undo " + rec.id, steps, Optional.of("Undo " + rec.id + " on " + net.firewallName() + "?"), journal,
                Locking.take(LOCK, "real-ip undo " + rec.id + " on " + net.firewallName()), Status.UNDONE);
    }

    /** Each edge's timer, named after the change and the gateway. */
    static String edgeId(RealIpRecord rec, String gateway) { return rec.id + "-" + gateway; }

    /** The edit that takes an added masquerade away again: learned once added, else as planned (iptables). */
    private static EdgeChange removal(NatRecord nr, EdgeMasquerade y) {
        if (nr.edgeUndo != null) return nr.edgeUndo;
        return y.plannedRemovalOfAdded().orElse(new EdgeChange("nft -f -", "delete rule <the handle of the rule added, read back once added>\n",
                "remove the rule added (its handle read back once added)"));
    }

    /** Once the step is done, the record says which verified state the network is in. */
    private static UnaryOperator<Next> reached(RealIpRecord rec, Staging.Stage stage) {
        return n -> {
            if (stage != null && n instanceof Next.Go go && !go.verify()) {
                rec.reached = stage.step();
                rec.status = Status.AWAITING_CONFIRMATION;
            }
            return n;
        };
    }

    private static ConfirmRevert.Said byHand(String what, String fw) {
        return new ConfirmRevert.Said() {
            public String gone() { return "too late to confirm: " + what + " already ran; see `real-ip " + fw + " status`"; }

            public String lost(OpsException e) { return "could not confirm (" + e.getMessage() + "); run `real-ip " + fw + " confirm` again before the revert fires"; }
        };
    }

    /** What a confirmation that fails within the change says: which state the network is in, or will be. */
    private record Said(String fw, String x, Staging s, RealIpRecord rec, RevertSchedule schedule) {
        String allRevert() {
            return "every part reverts by itself: " + x + "'s masquerade first (" + schedule.firstRevert() + "), then the default route, "
                    + "then the other gateways' masquerade (all by " + schedule.allReverted() + "): the state before the command";
        }

        ConfirmRevert.Said other(String gateway, String edge) {
            return new ConfirmRevert.Said() {
                public String gone() {
                    return "too late to confirm: " + edge + "'s revert (masquerade off again on " + gateway + "), which fires last, already ran:"
                            + " every armed revert has run, the network is back in the state before the command";
                }

                public String lost(OpsException e) {
                    return edge + ": could not confirm (" + e.getMessage() + "); nothing is confirmed, " + allRevert()
                            + "; run `real-ip " + fw + " confirm` before " + schedule.firstRevert() + " to keep the change";
                }
            };
        }

        ConfirmRevert.Said firewall(String previous) {
            String others = rec.masqueraded.isEmpty() ? "" : "; " + String.join(", ", rec.masqueraded.stream().map(n -> n.gateway).toList())
                    + " keep masquerading (confirmed): a safe state; `real-ip " + fw + " undo` turns that off again";
            return new ConfirmRevert.Said() {
                public String gone() {
                    return "too late to confirm: the firewall's revert already ran: the default route is back on " + previous + ", and "
                            + x + "'s masquerade came back before it" + others;
                }

                public String lost(OpsException e) {
                    return "could not confirm on the firewall (" + e.getMessage() + "): " + x + "'s masquerade comes back at " + schedule.firstRevert()
                            + " and the default route on " + previous + " " + RevertSchedule.GAP + " s later, unless `real-ip " + fw
                            + " confirm` runs before " + schedule.firstRevert() + others;
                }
            };
        }

        ConfirmRevert.Said target(String edge) {
            int before = s.stages().size() - 2;
            String verified = before == 0 ? "the state before the command"
                    : "the verified, safe state after stage " + before + " (" + s.stages().get(before).step() + ")";
            return new ConfirmRevert.Said() {
                public String gone() {
                    return "too late to confirm: " + edge + "'s revert already ran: " + x + " masquerades again; the rest is confirmed, so the network"
                            + " is in " + verified + "; run `real-ip " + fw + " set " + x + "` again to finish"
                            + (before == 0 ? "" : ", or `real-ip " + fw + " undo` to go back");
                }

                public String lost(OpsException e) {
                    return edge + ": could not confirm (" + e.getMessage() + "): " + x + "'s masquerade comes back at " + schedule.firstRevert()
                            + " unless `real-ip " + fw + " confirm` runs before; the rest is confirmed, so the network is then in " + verified;
                }
            };
        }
    }
}
