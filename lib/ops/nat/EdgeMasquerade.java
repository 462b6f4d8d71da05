package ops.nat;

import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.change.Check;
import ops.change.Host;
import ops.change.Step;
import ops.edge.NatRule;
import ops.model.Edge;
import ops.model.Topology;
import ops.remote.Network;

/**
 * One gateway's edge masquerade as another change script uses it (real-ip): whether the edge
 * masquerades into the tunnel, the network predicted with it on or off, and nat-toggle's own
 * steps to change it, so that a fix to those steps applies to both scripts.
 */
public final class EdgeMasquerade {
    private final NatScene scene;

    private EdgeMasquerade(NatScene scene) { this.scene = scene; }

    /** The gateway's edge when the model has everything needed (its NAT rules and tunnel); empty otherwise. */
    public static Optional<EdgeMasquerade> in(Topology t, String gateway) {
        return NatScene.in(t, gateway).map(EdgeMasquerade::new);
    }

    /** The same, or one line saying why this gateway's edge cannot be changed (unknown gateway, edge not read...). */
    public static EdgeMasquerade require(Network net, Topology t, String gateway) {
        return new EdgeMasquerade(NatScene.look(net, t, gateway));
    }

    public String gateway() { return scene.gateway().name(); }

    public String tunnel() { return scene.tunnel().name(); }

    /** "iptables" or "nftables". */
    public String tool() { return scene.nat().tool(); }

    public boolean masquerades() { return !scene.masquerade().isEmpty(); }

    /** The rules that masquerade into the tunnel, as the edge writes them. */
    public String rulesText() {
        return String.join("; ", scene.masquerade().stream().map(NatRule::text).toList());
    }

    /** The edge's NAT rules in order, without counters: equal when nobody changed them. */
    public String fingerprint() { return EdgeSide.fingerprint(scene.nat()); }

    /**
     * {@code base} with this edge masquerading ({@code on}) or not, as the change would leave it; a
     * rule that cannot be removed exactly is a one-line refusal (exit 2).
     */
    public Topology turned(Topology base, boolean on, String edgeName) {
        Edge e = scene.edge();
        return base.withEdge(new Edge(e.gateway(), Optional.of(PlannedEdge.of(scene, on, edgeName).after()), e.interfaces(), e.routes()));
    }

    /** The edit that turns masquerade {@code on} or off; empty when the edge already is so. */
    public Optional<EdgeChange> change(boolean on, String edgeName) {
        return PlannedEdge.of(scene, on, edgeName).change();
    }

    /** The edit that puts the rules back, when it is known before the change: what `off` removes, restored. */
    public Optional<EdgeChange> plannedUndo(boolean on) {
        return PlannedEdge.plannedUndo(scene, on);
    }

    /**
     * For `on`, the edit that removes the rule it adds, known before it is added where the rule
     * has no handle (iptables); nftables names rules by handle, known only once added.
     */
    public Optional<EdgeChange> plannedRemovalOfAdded() {
        if (!tool().equals("iptables")) return Optional.empty();
        return Optional.of(EdgeChange.removeAdded(PlannedEdge.of(scene, true, "").after(), tunnel()));
    }

    /** A record of this edge's part of a change, as nat-toggle keeps it (undo reads it). */
    public NatRecord record(String script, String id, String firewall, String edgeName, boolean on, String revision) {
        NatRecord r = new NatRecord();
        r.script = script;
        r.id = id;
        r.firewall = firewall;
        r.configRevision = revision;
        r.gateway = gateway();
        r.edge = edgeName;
        r.action = on ? "on" : "off";
        r.tool = tool();
        r.tunnel = tunnel();
        return r;
    }

    /**
     * The edit, guarded by the rules read now, verified by reading back, recorded in {@code rec}.
     * With {@code putBack}, a later failure puts it back; without, the caller's revert covers it.
     */
    public Step apply(Host host, boolean on, NatRecord rec, boolean putBack) {
        EdgeSide edge = side(host);
        EdgeChange c = change(on, host.name()).orElseThrow(() -> new IllegalStateException(gateway() + " already is so"));
        EdgeApply.PutBack back = new EdgeApply.PutBack() {
            public List<Step> steps(EdgeChange undo) {
                return putBack ? List.of(EdgeApply.back(edge, undo, !on, "")) : List.of();
            }

            public String said(Optional<OpsException> failed) {
                if (!putBack) return "";
                return failed.map(e -> "putting " + host.name() + " back failed (" + e.getMessage() + "): it still "
                        + (on ? "masquerades" : "does not masquerade") + " into " + tunnel()).orElse(host.name() + " was put back: it "
                        + (on ? "does not masquerade" : "masquerades") + " into " + tunnel() + " again, as before");
            }
        };
        return EdgeApply.change(edge, c, on, fingerprint(), plannedUndo(on), rec, back, "");
    }

    /** The recorded undo of an earlier change: the rules should come back as {@code before}. */
    public Step undo(Host host, EdgeChange change, String before) {
        return EdgeApply.undo(side(host), change, before, "");
    }

    /** Saving the running rules the way the edge persists them; empty when nothing persists them there. */
    public Optional<Step> persist(Host host, Persistence p, String stamp, Optional<NatRecord> rec) {
        return p.persists() ? Optional.of(new EdgePersist(side(host), p, stamp, rec, Optional.empty())) : Optional.empty();
    }

    /** A read of the edge: traffic into the tunnel is masqueraded ({@code on}) or not. */
    public Check masquerading(Host host, boolean on) {
        return side(host).masquerading(on);
    }

    private EdgeSide side(Host host) {
        return new EdgeSide(host, tool(), tunnel());
    }
}
