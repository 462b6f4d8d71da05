package ops.realip;

import java.util.ArrayList;
import java.util.List;
import ops.defaultgw.DefaultRouteSteps;
import ops.model.Topology;
import ops.nat.EdgeMasquerade;

/**
 * Tells which of the plan's states a fresh read of the network shows: the one before the
 * command, the one after a verified step, or none of them (and then what it is). Pure.
 */
final class StateMatch {
    private StateMatch() {}

    static String describe(Topology read, Staging s) {
        List<String> gateways = gateways(s);
        String now = words(read, gateways);
        for (int i = s.stages().size() - 1; i >= 0; i--) {
            if (!words(s.stages().get(i).topology(), gateways).equals(now)) continue;
            if (i == 0) return "the state before the command (" + now + ")";
            if (i == s.stages().size() - 1) return "the state the command makes (" + now + ")";
            return "the verified, safe state after stage " + i + ", " + s.stages().get(i).step() + " (" + now + ")";
        }
        return "NOT a state the plan goes through: " + now;
    }

    /** The default route (configured and live) and the masquerade of each gateway the change touches, in words. */
    static String words(Topology t, List<String> gateways) {
        List<String> parts = new ArrayList<>();
        parts.add("default gateway " + t.defaultGateway().describe() + ", live via " + DefaultRouteSteps.liveDefault(t));
        for (String g : gateways) {
            parts.add(g + " " + EdgeMasquerade.in(t, g).map(m -> m.masquerades() ? "masquerades" : "does not masquerade")
                    .orElse("masquerade unknown (edge not read)"));
        }
        return String.join(", ", parts);
    }

    private static List<String> gateways(Staging s) {
        List<String> g = new ArrayList<>();
        g.add(s.target().name());
        s.masqueradeFirst().forEach(m -> g.add(m.gateway()));
        return g;
    }
}
