package ops.lab;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import ops.change.StateDir;
import ops.base.OpsException;
import ops.live.LiveNetwork;
import ops.nat.NatToggle;
import ops.remote.Network;
import ops.remote.Remote;
import ops.snapshot.Snapshot;
import ops.support.ScriptRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * nat-toggle against the lab: real rules on real edges, checked by real connections (the
 * server's log) and by route-audit.
 */
@Tag("lab") // a JVM and a lab of its own in tests/run (runner.Job)
class LabNatToggleTest {
    private StateDir state;
    private final LabNetwork.Output out = new LabNetwork.Output();

    @BeforeEach
    void fresh() {
        LabGroundTruthTest.assumeLab();
        state = LabNetwork.freshState();
    }

    @AfterEach
    void changedTheLab() {
        Lab.touched();
        Lab.ssh("edge1", "rm -rf /tmp/ops-nat-toggle.lock");
    }

    @AfterAll
    static void down() {
        Lab.down();
    }

    private int toggle(Network net, String gateway, NatToggle.Action action, boolean firewallNat, boolean dryRun) {
        return new NatToggle(net, state, out.writer, LabNetwork.yes())
                .run(new NatToggle.Request(gateway, action, firewallNat, dryRun, false));
    }

    private int toggle(String gateway, NatToggle.Action action) {
        try (LiveNetwork net = LabNetwork.open()) {
            return toggle(net, gateway, action, false, false);
        }
    }

    private static String seenThrough(String edge) {
        JsonNode p = Lab.probe(edge, "http");
        assertTrue(p.get("ok").asBoolean(), p.toString());
        return p.get("seen").asText();
    }

    @Test
    void offIsRefusedWhenRepliesWouldLeaveByAnotherGateway() {
        Lab.ensure("triangular");
        String before = Lab.ssh("edge2", "iptables -t nat -S");
        OpsException e;
        try (LiveNetwork net = LabNetwork.open()) {
            e = assertThrows(OpsException.class, () -> toggle(net, "EDGE2_VPNV4", NatToggle.Action.OFF, false, false));
        }
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().startsWith("refused: with masquerade off, replies to EDGE2_VPNV4's clients would leave by EDGE1_VPNV4"), e.getMessage());
        assertTrue(e.getMessage().contains("real-ip fw set EDGE2_VPNV4"), e.getMessage());
        assertEquals(before, Lab.ssh("edge2", "iptables -t nat -S"), "nothing changed");
    }

    @Test
    void onShowsTheEdgeAddressOffTheClientAddressAndUndoRestores() {
        Lab.ensure("fixed");
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"));
        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.ON));
        assertEquals("10.8.1.1", seenThrough("edge1"), "the server sees the edge");
        assertEquals("MASQUERADED", LabNetwork.audited("EDGE1_VPNV4"));

        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.OFF));
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"), "the server sees the client again");
        assertEquals("PRESERVED", LabNetwork.audited("EDGE1_VPNV4"));

        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.UNDO)); // undoes the last change: off
        assertEquals("10.8.1.1", seenThrough("edge1"));
        assertEquals("MASQUERADED", LabNetwork.audited("EDGE1_VPNV4"));
    }

    @Test
    void alreadySoChangesNothingAndSaysSo() {
        Lab.ensure("fixed");
        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.OFF));
        assertTrue(out.toString().contains("already does not masquerade traffic into tun0; nothing to change"), out.toString());
        assertTrue(state.records("nat-toggle").isEmpty(), "no change, no record");
    }

    @Test
    void dryRunChangesNothingOnIptablesOrNftEdges() {
        Lab.ensure("triangular");
        String ipt = Lab.ssh("edge1", "iptables -t nat -S"), nft = Lab.ssh("edge3", "nft -s list ruleset");
        try (LiveNetwork net = LabNetwork.open()) {
            NatToggle t = new NatToggle(net, state, out.writer, LabNetwork.yes(), true);
            assertEquals(0, t.run(new NatToggle.Request("EDGE3_VPNV4", NatToggle.Action.ON, false, true, false)));
            // --force only to get past the interlock: a dry run with a plan for an iptables edge too
            assertEquals(0, t.run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.OFF, false, true, true)));
        }
        assertTrue(out.toString().contains("--dry-run: nothing was changed."), out.toString());
        assertTrue(out.toString().contains("insert rule ip nat postrouting oifname \"tun0\" masquerade"), out.toString());
        assertTrue(out.toString().contains("-D POSTROUTING -o tun0 -j MASQUERADE"), out.toString());
        // --show-commands: each command once, as root runs it
        assertTrue(out.toString().contains("\n    # nft -f -\n") && out.toString().contains("\n    # iptables-restore --noflush\n"), out.toString());
        assertFalse(out.toString().contains("sudo -n nft") || out.toString().contains("sudo -n iptables"), out.toString());
        assertEquals(ipt, Lab.ssh("edge1", "iptables -t nat -S"));
        assertEquals(nft, Lab.ssh("edge3", "nft -s list ruleset"));
        assertTrue(state.records("nat-toggle").isEmpty(), "a dry run records nothing");
    }

    @Test
    void aRefusedDryRunSaysWhy() {
        Lab.ensure("fixed");
        try (LiveNetwork net = LabNetwork.open()) {
            OpsException e = assertThrows(OpsException.class, () -> toggle(net, "EDGE2_VPNV4", NatToggle.Action.OFF, false, true));
            assertEquals(2, e.exitCode());
        }
        assertTrue(out.toString().contains("Paths after (predicted):"), out.toString());
    }

    @Test
    void nftEdgeTogglesWithRealPackets() {
        Lab.ensure("all-masquerade");
        // the default route is on EDGE1: EDGE3 off would be triangular, so move nothing and force is not our case;
        // instead turn EDGE1 (the default gateway) off on an iptables edge, and EDGE3 on/off via undo on nft
        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.OFF));
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"));
        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.UNDO));
        assertEquals("10.8.1.1", seenThrough("edge1"));
    }

    @Test
    void rulesChangedBetweenPlanAndApplyStopTheChange() {
        Lab.ensure("fixed");
        try (LiveNetwork net = LabNetwork.open()) {
            NatToggle t = new NatToggle(net, state, out.writer, q -> {
                Lab.ssh("edge1", "iptables -t nat -A POSTROUTING -o eth9 -j MASQUERADE"); // someone else, right now
                return true;
            });
            OpsException e = assertThrows(OpsException.class,
                    () -> t.run(new NatToggle.Request("EDGE1_VPNV4", NatToggle.Action.ON, false, false, false)));
            assertEquals(2, e.exitCode());
            assertTrue(e.getMessage().contains("edge1: the NAT rules changed since the plan"), e.getMessage());
        }
        assertFalse(Lab.ssh("edge1", "iptables-save -t nat").contains("-o tun0 -j MASQUERADE"), "our change did not go in");
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"));
    }

    @Test
    void aSecondRunWaitsForTheLockAndSaysWhoHoldsIt() {
        Lab.ensure("fixed");
        Lab.ssh("edge1", "mkdir /tmp/ops-nat-toggle.lock && echo 'nat-toggle 20261126-000000 on fw' > /tmp/ops-nat-toggle.lock/owner");
        OpsException e = assertThrows(OpsException.class, () -> toggle("EDGE1_VPNV4", NatToggle.Action.ON));
        assertTrue(e.getMessage().contains("another change is running (lock /tmp/ops-nat-toggle.lock held by nat-toggle 20261126-000000 on fw)"),
                e.getMessage());
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"), "nothing changed");
    }

    @Test
    void aConnectionLostAfterTheChangeSaysNewStateAndUndoWorks() {
        Lab.ensure("fixed");
        try (LiveNetwork live = LabNetwork.open()) {
            Network net = dropping(live, true);
            OpsException e = assertThrows(OpsException.class, () -> toggle(net, "EDGE1_VPNV4", NatToggle.Action.ON, false, false));
            assertTrue(e.getMessage().contains("edge1 now masquerades into tun0: the NEW state"), e.getMessage());
        }
        assertEquals("10.8.1.1", seenThrough("edge1"));
        assertEquals(0, toggle("EDGE1_VPNV4", NatToggle.Action.UNDO));
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"));
    }

    @Test
    void aConnectionLostBeforeTheChangeSaysOldState() {
        Lab.ensure("fixed");
        try (LiveNetwork live = LabNetwork.open()) {
            Network net = dropping(live, false);
            OpsException e = assertThrows(OpsException.class, () -> toggle(net, "EDGE1_VPNV4", NatToggle.Action.ON, false, false));
            assertTrue(e.getMessage().contains("edge1 now does not masquerade into tun0: the OLD state (nothing changed)"), e.getMessage());
        }
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"));
    }

    @Test
    void aLoginWithoutSudoRightsIsToldWhichRightIsMissing() {
        Lab.ensure("fixed");
        String user = Lab.prefix() + "noroot"; // a host user of this lab's own (several labs may run at once)
        Lab.Result add = Lab.run(30, "sh", "-c", "id " + user + " >/dev/null 2>&1 || useradd -M -d /nonexistent -s /bin/sh " + user + "; usermod -p '*' " + user);
        assertEquals(0, add.code(), () -> "useradd " + user + ": " + add.err());
        try (LiveNetwork net = LabNetwork.open("fw", java.util.Map.of("EDGE1_VPNV4", user + "@edge1",
                "EDGE2_VPNV4", "edge2", "EDGE3_VPNV4", "edge3"))) {
            OpsException e = assertThrows(OpsException.class, () -> toggle(net, "EDGE1_VPNV4", NatToggle.Action.ON, false, false));
            assertTrue(e.getMessage().startsWith(user + "@edge1: sudo refused `iptables-save -t nat`"), e.getMessage());
            assertTrue(e.getMessage().contains("NOPASSWD"), e.getMessage());
        } finally {
            Lab.run(30, "userdel", user);
        }
    }

    @Test
    void anEdgeWithoutIptablesOrNftSaysSo() {
        Lab.ensure("fixed");
        try (LiveNetwork live = LabNetwork.open()) {
            // edge1 as a host where neither tool is installed: its reads find no iptables-save or nft
            Network net = new Network() {
                public String firewallName() { return live.firewallName(); }
                public Snapshot read() {
                    Snapshot s = live.read();
                    var edges = new java.util.TreeMap<>(s.edges());
                    Snapshot.Edge e = edges.get("EDGE1_VPNV4");
                    edges.put("EDGE1_VPNV4", new Snapshot.Edge(e.gateway(), java.util.Optional.empty(), java.util.Optional.empty(), e.addrJson(), e.routesJson()));
                    return new Snapshot(s.name(), s.configXml(), s.routes(), s.gatewayStatus(), s.pfRules(), s.routers(), edges);
                }
                public Remote firewall() { return live.firewall(); }
                public Remote newFirewallConnection() { return live.newFirewallConnection(); }
                public Remote edge(String gateway) {
                    Remote real = live.edge(gateway);
                    return new Remote() {
                        public String name() { return real.name(); }
                        public Result run(String command, String stdin, Duration timeout) {
                            return real.run("PATH=/usr/bin:/bin; export PATH; " + command, stdin, timeout); // no /usr/sbin: no iptables, no nft
                        }
                    };
                }
            };
            OpsException e = assertThrows(OpsException.class, () -> toggle(net, "EDGE1_VPNV4", NatToggle.Action.ON, false, false));
            assertEquals("edge1: neither iptables-save nor nft works there (not installed, or not on the PATH of the login);"
                    + " nat-toggle needs iptables or nftables on the edge", e.getMessage());
        }
    }

    @Test
    void anUnknownGatewayListsTheKnownOnes() {
        Lab.ensure("fixed");
        OpsException e = assertThrows(OpsException.class, () -> toggle("EDGE9_VPNV4", NatToggle.Action.OFF));
        assertTrue(e.getMessage().startsWith("unknown gateway EDGE9_VPNV4 on fw; known gateways: EDGE1_VPNV4, EDGE2_VPNV4, EDGE3_VPNV4"),
                e.getMessage());
    }

    @Test
    void firewallNatInAutomaticModeSaysSoAndChangesNothing() {
        Lab.ensure("fixed");
        String config = Lab.ssh("fw", "cat /conf/config.xml");
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, toggle(net, "EDGE1_VPNV4", NatToggle.Action.OFF, true, false));
        }
        assertTrue(out.toString().contains("automatic, which never NATs OpenVPN interfaces"), out.toString());
        assertEquals(config, Lab.ssh("fw", "cat /conf/config.xml"));
    }

    @Test
    void firewallNatInHybridModeAddsAndUndoesExactlyItsRule() {
        Lab.ensure("fixed");
        Lab.ssh("fw", "php -q", "<?php\nrequire_once('config.inc');\nconfig_set_path('nat/outbound/mode', 'hybrid');\n"
                + "write_config('test: hybrid');\nrequire_once('filter.inc');\nfilter_configure();\n");
        try (LiveNetwork net = LabNetwork.open()) {
            assertEquals(0, toggle(net, "EDGE2_VPNV4", NatToggle.Action.ON, true, false)); // edge2 masquerades already; pfSense gets a NAT rule
        }
        String config = Lab.ssh("fw", "cat /conf/config.xml");
        assertTrue(config.contains("ops nat-toggle") && config.contains("NAT out EDGE2_VPNV4"), config);
        assertTrue(Lab.ssh("fw", "pfctl -sn").lines().anyMatch(l -> l.startsWith("nat on ovpnc2 ")), Lab.ssh("fw", "pfctl -sn"));
        assertTrue(Lab.ssh("fw", "ls /cf/conf/backup").contains("config-"), "write_config kept a backup");
        assertEquals(0, toggle("EDGE2_VPNV4", NatToggle.Action.UNDO));
        assertFalse(Lab.ssh("fw", "cat /conf/config.xml").contains("NAT out EDGE2_VPNV4"));
        assertFalse(Lab.ssh("fw", "pfctl -sn").lines().anyMatch(l -> l.startsWith("nat on ovpnc2 ")));
    }

    @Test
    void theReadmesPlansAreWhatTheScriptPrints() throws IOException {
        Lab.ensure("fixed");
        String rules = Lab.ssh("edge1", "iptables -t nat -S");
        List<String> blocks = readmePlans();
        assertEquals(blocks.get(0), planOf("fw", "EDGE1_VPNV4", "on", "--dry-run"));
        assertEquals(blocks.get(1), planOf("--show-commands", "fw", "EDGE1_VPNV4", "on", "--dry-run"));
        assertEquals(blocks.get(1), planOf("fw", "EDGE1_VPNV4", "on", "--dry-run", "--show-commands"), "after the action too");
        assertEquals(rules, Lab.ssh("edge1", "iptables -t nat -S"), "dry runs");
    }

    /** The plan nat-toggle prints: from "Plan:" to the paths. */
    private static String planOf(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-F", Lab.sshConfig().toString()));
        all.addAll(List.of(LabNetwork.EDGE_ARGS));
        ScriptRun r = ScriptRun.of("NatToggleCommand", all.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out() + r.err());
        int start = r.out().indexOf("Plan: "), end = r.out().indexOf("\nPaths now:");
        assertTrue(start >= 0 && end > start, r.out());
        return r.out().substring(start, end);
    }

    /** The ```text blocks of the README's "Reading a plan". */
    private static List<String> readmePlans() throws IOException {
        String readme = Files.readString(Lab.repo().resolve("README.md"));
        int at = readme.indexOf("\n## Reading a plan\n");
        assertTrue(at >= 0, "README.md has a section \"Reading a plan\"");
        String section = readme.substring(at, readme.indexOf("\n## ", at + 1));
        List<String> blocks = new ArrayList<>();
        for (int i = section.indexOf("```text\n"); i >= 0; i = section.indexOf("```text\n", i + 1)) {
            blocks.add(section.substring(i + 8, section.indexOf("```\n", i + 8)));
        }
        assertEquals(2, blocks.size(), section);
        return blocks;
    }

    @Test
    void withoutATerminalAndWithoutYesTheScriptRefuses() {
        Lab.ensure("fixed");
        List<String> args = new ArrayList<>(List.of("fw", "EDGE1_VPNV4", "on", "-F", Lab.sshConfig().toString()));
        args.addAll(List.of(LabNetwork.EDGE_ARGS));
        ScriptRun r = ScriptRun.of("NatToggleCommand", args.toArray(String[]::new));
        assertEquals(3, r.exit());
        assertTrue(r.err().contains("not a terminal") && r.err().contains("--yes"), r.err());
        assertEquals(Scenario.CLIENT_IP, seenThrough("edge1"));
    }

    /** The network, with edge1's connection really cut around the change (the delta command), before or after it ran. */
    private static Network dropping(LiveNetwork live, boolean afterRunning) {
        return LabNetwork.cuttingEdge(live, "EDGE1_VPNV4", new LabNetwork.Cut("iptables-restore", 1, afterRunning, () -> Lab.killSessions("edge1")));
    }
}
