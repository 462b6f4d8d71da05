package ops.lab;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import ops.change.StateDir;
import ops.change.Confirm;
import ops.live.LiveNetwork;
import ops.remote.Network;
import ops.remote.Remote;
import ops.snapshot.Snapshot;
import ops.ssh.SshSettings;

/** The lab as the change scripts reach it: LiveNetwork over the lab's ssh_config, a private state folder. */
final class LabNetwork {
    private LabNetwork() {}

    /** The edges of the OpenVPN subnet scenarios (fixed, triangular...): EDGEn_VPNV4 = edgen. */
    static final String[] EDGE_ARGS = {"--edge", "EDGE1_VPNV4=edge1", "--edge", "EDGE2_VPNV4=edge2", "--edge", "EDGE3_VPNV4=edge3"};

    static Map<String, String> edges() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int n = 1; n <= 3; n++) m.put("EDGE" + n + "_VPNV4", "edge" + n);
        return m;
    }

    /** The edges of any scenario, by its gateways' names (EDGE3_WG for a WireGuard edge). */
    static String[] edgeArgs(Scenario s) {
        return s.edgeArgs().toArray(String[]::new);
    }

    static LiveNetwork open(Scenario s) {
        return open("fw", s.edgeHosts());
    }

    static LiveNetwork open(String firewall, Map<String, String> edges) {
        return new LiveNetwork(firewall, edges, Optional.empty(), SshSettings.defaults().withConfigFile(Lab.sshConfig()), w -> { });
    }

    static LiveNetwork open() {
        return open("fw", edges());
    }

    static StateDir freshState() {
        try {
            return new StateDir(Files.createTempDirectory("ops-state-test").resolve("ops"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Collects what a change script prints. */
    static final class Output {
        final StringWriter text = new StringWriter();
        final PrintWriter writer = new PrintWriter(text, true);

        @Override
        public String toString() { return text.toString(); }
    }

    static Confirm yes() { return q -> true; }

    /** What route-audit (live, with these edge arguments) predicts for a gateway's tcp/80 path. */
    static String audited(String gateway, String... edgeArgs) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("fw", "-F", Lab.sshConfig().toString(), "--json"));
        args.addAll(java.util.List.of(edgeArgs));
        ops.support.ScriptRun r = ops.support.ScriptRun.of("RouteAudit", args.toArray(String[]::new));
        for (com.fasterxml.jackson.databind.JsonNode p : ops.json.Json.parse("audit", r.out(), "json").get("paths")) {
            if (p.get("gateway").asText().equals(gateway) && p.get("service").asText().equals("tcp/80")) return p.get("verdict").asText();
        }
        throw new AssertionError("no tcp/80 path via " + gateway + ": " + r.out() + r.err());
    }

    /** The same for the subnet scenarios' edges (EDGEn_VPNV4 = edgen). */
    static String audited(String gateway) {
        return audited(gateway, EDGE_ARGS);
    }

    /**
     * A fault for the change scripts: the connection cut once, at the {@code occurrence}-th command
     * (counted across every Remote it wraps) that contains {@code marker}, before or after that
     * command ran there. The command then runs over the dead connection and fails as it really would.
     */
    static final class Cut {
        private final String marker;
        private final int occurrence;
        private final boolean afterItRan;
        private final Runnable cut;
        private int seen;
        private boolean done;

        Cut(String marker, int occurrence, boolean afterItRan, Runnable cut) {
            this.marker = marker;
            this.occurrence = occurrence;
            this.afterItRan = afterItRan;
            this.cut = cut;
        }

        Remote wrap(Remote real) {
            return new Remote() {
                public String name() { return real.name(); }
                public Result run(String command, String stdin, Duration timeout) {
                    if (done || !command.contains(marker) || ++seen < occurrence) return real.run(command, stdin, timeout);
                    done = true;
                    if (afterItRan) real.run(command, stdin, timeout);
                    cut.run();
                    return real.run(command, stdin, timeout);
                }
            };
        }
    }

    /** {@code live} with the firewall's connections (the first and every new one) going through {@code cut}. */
    static Network cuttingFirewall(LiveNetwork live, Cut cut) {
        return new Network() {
            public String firewallName() { return live.firewallName(); }
            public Snapshot read() { return live.read(); }
            public Remote edge(String gateway) { return live.edge(gateway); }
            public Remote firewall() { return cut.wrap(live.firewall()); }
            public Remote newFirewallConnection() { return cut.wrap(live.newFirewallConnection()); }
        };
    }

    /** {@code live} with the connection to the edge behind {@code gateway} going through {@code cut}. */
    static Network cuttingEdge(LiveNetwork live, String gateway, Cut cut) {
        return new Network() {
            public String firewallName() { return live.firewallName(); }
            public Snapshot read() { return live.read(); }
            public Remote firewall() { return live.firewall(); }
            public Remote newFirewallConnection() { return live.newFirewallConnection(); }
            public Remote edge(String g) { return g.equals(gateway) ? cut.wrap(live.edge(g)) : live.edge(g); }
        };
    }
}
