package ops.realip;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import ops.audit.AuditResult;
import ops.audit.PathRow;
import ops.audit.Verdict;
import ops.model.DefaultGateway;
import ops.model.Gateway;
import ops.model.Topology;
import ops.nat.EdgeMasquerade;

/** `real-ip status` in words: which gateways keep real client IPs, which break them, and each gateway's masquerade. Pure. */
final class RealIpStatus {
    private RealIpStatus() {}

    static String summary(Topology t, AuditResult a) {
        Set<String> real = gatewaysWith(a, Verdict.PRESERVED), broken = gatewaysWith(a, Verdict.TRIANGULAR);
        String keeps = real.isEmpty() ? "no gateway keeps real client IPs" : "real client IPs reach the server through " + String.join(", ", real);
        if (!broken.isEmpty()) {
            return keeps + "; BROKEN (triangular: replies leave by another gateway): " + String.join(", ", broken)
                    + "; `real-ip FIREWALL set GATEWAY` makes one of them the real-IP gateway safely";
        }
        DefaultGateway d = t.defaultGateway();
        if (real.size() == 1 && d.kind() == DefaultGateway.Kind.GATEWAY && real.contains(d.name())) {
            return keeps + ": " + d.name() + " is the one real-IP gateway (the default route is on it)";
        }
        return keeps;
    }

    /** One line per gateway: its device, edge masquerade, whether it has the default route, and its paths' verdicts. */
    static List<String> gateways(Topology t, AuditResult a) {
        List<String> out = new ArrayList<>();
        DefaultGateway d = t.defaultGateway();
        for (Gateway g : t.gateways()) {
            if (!g.isV4()) continue;
            String masq = !g.isVpn() ? "no edge" : EdgeMasquerade.in(t, g.name())
                    .map(m -> m.masquerades() ? "masquerades (" + m.rulesText() + ")" : "does not masquerade into " + m.tunnel())
                    .orElse("edge not read: masquerade unknown");
            Set<String> verdicts = new TreeSet<>();
            for (PathRow p : a.paths()) if (p.gateway().equals(g.name())) verdicts.add(p.service() + " " + p.verdict());
            boolean isDefault = d.kind() == DefaultGateway.Kind.GATEWAY && d.name().equals(g.name());
            out.add(g.name() + " (" + g.device() + ")" + (isDefault ? " [default]" : "") + ": " + masq
                    + (verdicts.isEmpty() ? "" : "; paths: " + String.join(", ", verdicts)));
        }
        return out;
    }

    private static Set<String> gatewaysWith(AuditResult a, Verdict v) {
        Set<String> s = new TreeSet<>();
        for (PathRow p : a.paths()) if (p.verdict() == v) s.add(p.gateway());
        return s;
    }
}
