package ops.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * One probe to send: the path, its own source ports (a few, in case one is still in use; curl
 * binds the first free one) and whether to speak HTTP.
 */
public record ProbePlan(ProbeTarget target, PortRange ports, boolean http) {

    /** Source ports per probe. */
    static final int PORTS_EACH = 4;
    /** Above Linux's default ephemeral range (32768-60999), so no other connection of the vantage holds them. */
    static final int LOWEST = 61000;

    /**
     * Consecutive port blocks from a random start, one per probeable target, so that neither a
     * concurrent run nor a previous one (sockets linger in TIME_WAIT) shares a port.
     *
     * @param random given n, a number in [0, n)
     */
    public static List<ProbePlan> allocate(List<ProbeTarget> targets, Set<Integer> httpPorts, IntUnaryOperator random) {
        List<ProbeTarget> probed = targets.stream().filter(ProbeTarget::probeable).toList();
        int span = probed.size() * PORTS_EACH;
        if (span > 65536 - LOWEST) throw new IllegalArgumentException(probed.size() + " probes are too many for one run");
        int start = LOWEST + random.applyAsInt(65536 - LOWEST - span + 1); // the last block may end at 65535
        List<ProbePlan> out = new ArrayList<>();
        for (ProbeTarget t : probed) {
            int first = start + out.size() * PORTS_EACH;
            out.add(new ProbePlan(t, new PortRange(first, first + PORTS_EACH - 1), httpPorts.contains(t.port())));
        }
        return out;
    }

    /** The ports of all plans: what the capture on the firewall listens for. */
    public static PortRange span(List<ProbePlan> plans) {
        return new PortRange(plans.get(0).ports().first(), plans.get(plans.size() - 1).ports().last());
    }
}
