package ops.nat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ops.base.OpsException;
import ops.edge.EdgeNat;
import ops.edge.NatRule;

/**
 * The edge's half of a nat-toggle change: exactly the rules into the tunnel, removed or one
 * added, or nothing when the edge already is so; and its rules as predicted after the edit.
 */
record PlannedEdge(Optional<EdgeChange> change, EdgeNat after) {

    static PlannedEdge of(NatScene s, boolean on, String edgeName) {
        String tun = s.tunnel().name();
        if (!on && !s.masquerade().isEmpty()) {
            for (NatRule r : s.masquerade()) {
                TunnelMasquerade.whyNotRemovable(r, tun).ifPresent(why -> {
                    throw new OpsException("refused: " + edgeName + " rule `" + r.text() + "`: " + why, null, 2);
                });
            }
            List<NatRule> kept = new ArrayList<>(s.nat().rules());
            kept.removeAll(s.masquerade());
            return new PlannedEdge(Optional.of(EdgeChange.remove(s.nat(), s.masquerade())), new EdgeNat(s.nat().tool(), kept));
        }
        if (on && s.masquerade().isEmpty()) {
            List<NatRule> more = new ArrayList<>(s.nat().rules());
            more.add(0, new NatRule("POSTROUTING", 0, "MASQUERADE", "", "", tun, "", "", "", "", "", "", List.of(),
                    "-A POSTROUTING -o " + tun + " -j MASQUERADE", "planned", "planned"));
            return new PlannedEdge(Optional.of(EdgeChange.addMasquerade(s.nat(), tun)), new EdgeNat(s.nat().tool(), more));
        }
        return new PlannedEdge(Optional.empty(), s.nat());
    }

    /** The edit that puts the rules back, when it can be known before the change: what `off` removes. */
    static Optional<EdgeChange> plannedUndo(NatScene s, boolean on) {
        return on ? Optional.empty() : Optional.of(EdgeChange.restore(s.nat(), s.masquerade()));
    }
}
