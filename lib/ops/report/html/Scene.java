package ops.report.html;

import java.util.List;
import java.util.Optional;
import ops.audit.AuditResult;
import ops.audit.Landscape;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.probe.CheckResult;
import ops.probe.PathCheck;

/** What the diagram draws for one firewall: its gateways and edges, and every path over them. */
public record Scene(Landscape landscape, List<Lane> lanes) {

    /**
     * One path as drawn.
     *
     * @param style     the verdict the line style shows: route-audit's, or for source-ip-check the measured one
     * @param label     that verdict as the report words it ("NOT-REACHED")
     * @param replyVia  the gateway (or interface, "no route") replies leave by; "" when none is drawn (blocked, down)
     * @param predicted route-audit's verdict beside a measurement, when it was compared
     */
    public record Lane(String gateway, String service, String server, String serverSees, Verdict style, String label,
                       String replyVia, boolean replyTo, Optional<String> predicted, boolean disagrees) {

        /** The reply leaves by another way than the path came in. */
        public boolean crosses() { return !replyVia.isEmpty() && !replyVia.equals(gateway); }
    }

    public static Scene of(AuditResult r) {
        return new Scene(r.landscape(), r.paths().stream().map(p -> lane(p, p.verdict(), p.verdict().name(), Optional.empty(), false)).toList());
    }

    public static Scene of(CheckResult r) {
        return new Scene(r.landscape(), r.paths().stream().map(c -> lane(c, r.landscape())).toList());
    }

    /** A measured path: its reply drawn by the interface the firewall's answer was seen leaving by, when it was seen. */
    private static Lane lane(PathCheck c, Landscape land) {
        Verdict style = switch (c.verdict()) {
            case PRESERVED -> Verdict.PRESERVED;
            case MASQUERADED -> Verdict.MASQUERADED;
            case TRIANGULAR -> Verdict.TRIANGULAR;
            case NOT_REACHED -> Verdict.DOWN;
            case NO_REPLY -> Verdict.BLOCKED;
            case UNKNOWN -> Verdict.UNKNOWN;
        };
        Lane l = lane(c.target().prediction(), style, c.verdict().label, c.predicted().map(Verdict::name), c.disagrees());
        if (style == Verdict.BLOCKED || style == Verdict.DOWN || c.seen().answer().isEmpty()) return l;
        String device = c.seen().answer().get().device();
        String via = device.equals(c.target().device()) ? c.target().gateway()
                : land.gateways().stream().filter(n -> n.device().equals(device)).map(Landscape.Node::gateway).findFirst().orElse(device);
        return new Lane(l.gateway(), l.service(), l.server(), l.serverSees(), l.style(), l.label(), via, l.replyTo(), l.predicted(), l.disagrees());
    }

    private static Lane lane(PathRow p, Verdict style, String label, Optional<String> predicted, boolean disagrees) {
        String via = p.replyLeavesBy().replace(" (reply-to)", "");
        boolean drawn = style != Verdict.BLOCKED && style != Verdict.DOWN && !via.equals("-") && !via.isEmpty();
        // a measured triangle leaves by the way route-audit names; measured symmetric paths come back the same way
        if (style == Verdict.PRESERVED || style == Verdict.MASQUERADED) via = p.gateway();
        if (style == Verdict.TRIANGULAR && via.equals(p.gateway())) via = "another interface";
        return new Lane(p.gateway(), p.service(), p.server(), p.serverSees(), style, label, drawn ? via : "", p.replyTo(), predicted, disagrees);
    }
}
