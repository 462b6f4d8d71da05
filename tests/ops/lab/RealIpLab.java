package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import ops.remote.Network;
import ops.remote.Remote;
import ops.snapshot.Snapshot;
import ops.live.LiveNetwork;
import ops.support.Await;

/** What real-ip's lab tests read and wait for: the state of the fixed scenario's firewall and edges, and the reverts armed there. */
final class RealIpLab {
    private RealIpLab() {}

    /** The state in words: the default (config and live) and whether edge1 and edge2 masquerade into tun0. */
    static String state() {
        String config = read("fw", "cat /conf/config.xml");
        String conf = config.contains("<defaultgw4>EDGE1_VPNV4</defaultgw4>") ? "EDGE1" : config.contains("<defaultgw4>EDGE2_VPNV4</defaultgw4>") ? "EDGE2" : "?";
        String live = liveDefault();
        String l = live.contains("ovpnc1") ? "EDGE1" : live.contains("ovpnc2") ? "EDGE2" : "?";
        return "default " + conf + "/" + l + ", edge1 " + masq("edge1") + ", edge2 " + masq("edge2");
    }

    /** A read over plain OpenSSH; tried again when ssh itself fails (255: a banner timeout on a very busy machine). */
    static String read(String host, String command) {
        for (int attempt = 1; ; attempt++) {
            Lab.Result r = Lab.run(60, "ssh", "-F", Lab.sshConfig().toString(), host, command);
            if (r.code() == 0) return r.out();
            if (r.code() != 255 || attempt == 5) throw new IllegalStateException("ssh " + host + " '" + command + "' exited " + r.code() + ": " + r.err());
        }
    }

    /** fixed as the lab brings it up: EDGE1 is the default and the one real-IP gateway. */
    static final String OLD = "default EDGE1/EDGE1, edge1 0, edge2 1";
    /** The fix done: EDGE2 the default and the one real-IP gateway, EDGE1 masquerading. */
    static final String NEW = "default EDGE2/EDGE2, edge1 1, edge2 0";
    /** Safe states on the way: every gateway masquerading, the default on EDGE1 (stage 1) or EDGE2 (stage 2). */
    static final String STAGE1 = "default EDGE1/EDGE1, edge1 1, edge2 1";
    static final String STAGE2 = "default EDGE2/EDGE2, edge1 1, edge2 1";

    static String liveDefault() {
        return read("fw", "netstat -rn").lines().filter(l -> l.startsWith("default ")).findFirst().orElse("none");
    }

    /** How many rules masquerade into tun0 on an iptables edge. */
    static int masq(String edge) {
        return (int) read(edge, "iptables-save -t nat").lines().filter(l -> l.contains("-o tun0") && l.contains("MASQUERADE")).count();
    }

    /** "none", or the locks and pending reverts real-ip left on the firewall (its boot hook and kept revert too) and the edges. */
    static String leftovers() {
        StringBuilder sb = new StringBuilder();
        for (String h : new String[] {"fw", "edge1", "edge2", "edge3"}) {
            String l = read(h, "ls -d /tmp/ops-real-ip.lock /tmp/ops-real-ip/*.pending" + (h.equals("fw") ? " " + RevertTraces.HOOKS + " "
                    + RevertTraces.KEPT + " /var/run/ops-default-route-*" : "") + " 2>/dev/null; true").strip();
            if (!l.isEmpty()) sb.append(h).append(": ").append(l.replace('\n', ' ')).append("; ");
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** Waits for every armed revert to have fired and freed its lock; the deadline only bounds a hang. */
    static void awaitReverts(int window) {
        assertTrue(Await.until(Duration.ofSeconds(window + 60 + 240), Duration.ofSeconds(1), () -> leftovers().equals("none")),
                () -> "the reverts did not finish: " + leftovers() + "; now " + state());
    }

    /** Real packets: every edge still carries connections, and the server sees what the state says for edge1 and edge2. */
    static void assertPacketsAgree() {
        String s = state();
        for (int n = 1; n <= 3; n++) {
            var p = Lab.probe("edge" + n, "http");
            assertTrue(p.get("ok").asBoolean(), "edge" + n + " carries connections in " + s + ": " + p);
            if (n < 3) {
                boolean masqueraded = masq("edge" + n) > 0;
                assertEquals(masqueraded ? "10.8." + n + ".1" : Scenario.CLIENT_IP, p.get("seen").asText(), "edge" + n + " in " + s);
            }
        }
    }

    /** A node's sshd and every session of it killed, not restarted: the node is unreachable until `lab restart-sshd`. */
    static void stopSshd(String node) {
        try {
            String pid = java.nio.file.Files.readString(Lab.state().resolve("pids/sshd-" + node)).strip();
            Lab.run(10, "pkill", "-KILL", "-P", pid);
            Lab.run(10, "kill", "-KILL", pid);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code live} with the connections to one host (the firewall, or a gateway's edge) going through {@code cut}. */
    static Network cutting(LiveNetwork live, String host, LabNetwork.Cut cut) {
        return new Network() {
            public String firewallName() { return live.firewallName(); }
            public Snapshot read() { return live.read(); }
            public Remote firewall() { return host.equals("fw") ? cut.wrap(live.firewall()) : live.firewall(); }
            public Remote newFirewallConnection() { return host.equals("fw") ? cut.wrap(live.newFirewallConnection()) : live.newFirewallConnection(); }
            public Remote edge(String g) { return g.equals(host) ? cut.wrap(live.edge(g)) : live.edge(g); }
        };
    }
}
