package ops.nat;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import ops.edge.EdgeNat;
import ops.edge.IptablesSaveReader;
import ops.edge.NatRule;
import ops.edge.NftJsonReader;
import ops.support.Netns;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/** The deltas nat-toggle sends, applied by a real kernel in a namespace and read back. */
class EdgeChangeKernelTest {
    private static final String RULES = """
            *nat
            :PREROUTING ACCEPT [0:0]
            :INPUT ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            :POSTROUTING ACCEPT [0:0]
            -A PREROUTING -d 203.0.113.11/32 -i eth0 -p tcp -m tcp --dport 443 -j DNAT --to-destination 10.8.1.2:443
            -A POSTROUTING -s 10.8.1.0/24 -o eth0 -j MASQUERADE
            -A POSTROUTING -o tun0 -m comment --comment "keep clients out" -j MASQUERADE
            -A POSTROUTING -o tun1 -j MASQUERADE
            COMMIT
            """;

    private static EdgeNat iptables(Netns ns) {
        return IptablesSaveReader.read("ns", ns.sh("iptables-save -t nat", ""));
    }

    @Test
    void iptablesOffRemovesExactlyTheTunnelRuleAndRestorePutsItBack() {
        try (Netns ns = Netns.create("ipt")) {
            assumeTrue(ns.has("iptables-restore"), "iptables not installed");
            ns.sh("iptables-restore", RULES);
            EdgeNat before = iptables(ns);
            List<NatRule> masq = TunnelMasquerade.rules(before, "tun0");
            assertEquals(1, masq.size());
            assertTrue(TunnelMasquerade.whyNotRemovable(masq.get(0), "tun0").isEmpty());

            EdgeChange off = EdgeChange.remove(before, masq);
            ns.sh(off.command(), off.delta());
            EdgeNat after = iptables(ns);
            assertTrue(TunnelMasquerade.rules(after, "tun0").isEmpty());
            assertEquals(before.rules().size() - 1, after.rules().size(), "nothing else touched");
            assertEquals(1, TunnelMasquerade.rules(after, "tun1").size());

            EdgeChange undo = EdgeChange.restore(before, masq);
            ns.sh(undo.command(), undo.delta());
            assertEquals(EdgeSide.fingerprint(before), EdgeSide.fingerprint(iptables(ns)), "undo restores rules and order exactly");
        }
    }

    @Test
    void iptablesOnAddsOneRuleAndItsInverseRemovesIt() {
        try (Netns ns = Netns.create("ipton")) {
            assumeTrue(ns.has("iptables-restore"), "iptables not installed");
            ns.sh("iptables-restore", RULES.replace("-A POSTROUTING -o tun0 -m comment --comment \"keep clients out\" -j MASQUERADE\n", ""));
            EdgeNat before = iptables(ns);
            assertTrue(TunnelMasquerade.rules(before, "tun0").isEmpty());
            EdgeChange on = EdgeChange.addMasquerade(before, "tun0");
            ns.sh(on.command(), on.delta());
            EdgeNat after = iptables(ns);
            assertEquals(1, TunnelMasquerade.rules(after, "tun0").size());
            assertEquals("POSTROUTING 1", TunnelMasquerade.rules(after, "tun0").get(0).ref(), "first in the chain");
            EdgeChange undo = EdgeChange.removeAdded(after, "tun0");
            ns.sh(undo.command(), undo.delta());
            assertEquals(EdgeSide.fingerprint(before), EdgeSide.fingerprint(iptables(ns)));
        }
    }

    @Test
    void aRejectedDeltaChangesNothing() {
        try (Netns ns = Netns.create("iptbad")) {
            assumeTrue(ns.has("iptables-restore"), "iptables not installed");
            ns.sh("iptables-restore", RULES);
            EdgeNat before = iptables(ns);
            // the second deletion names a rule that does not exist: the whole transaction fails
            EdgeChange c = new EdgeChange("iptables-restore --noflush",
                    "*nat\n-D POSTROUTING -o tun0 -m comment --comment \"keep clients out\" -j MASQUERADE\n-D POSTROUTING -o tun9 -j MASQUERADE\nCOMMIT\n", "x");
            assertFalse(ns.shell().run(c.command(), c.delta(), java.time.Duration.ofSeconds(10)).ok());
            assertEquals(EdgeSide.fingerprint(before), EdgeSide.fingerprint(iptables(ns)));
        }
    }

    @Test
    void nftOffAndUndoRoundTrip() {
        try (Netns ns = Netns.create("nft")) {
            assumeTrue(ns.has("nft"), "nft not installed");
            ns.sh("nft -f -", """
                    table ip nat {
                      chain prerouting { type nat hook prerouting priority dstnat; policy accept;
                        iifname "eth0" tcp dport 443 dnat to 10.8.3.2:443
                      }
                      chain postrouting { type nat hook postrouting priority srcnat; policy accept;
                        ip saddr 10.8.3.0/24 oifname "eth0" masquerade
                        oifname "tun0" counter masquerade
                        oifname "tun1" masquerade
                      }
                    }
                    """);
            EdgeNat before = NftJsonReader.read("ns", ns.sh("nft -j list ruleset", ""));
            List<NatRule> masq = TunnelMasquerade.rules(before, "tun0");
            assertEquals(1, masq.size());
            EdgeChange off = EdgeChange.remove(before, masq);
            ns.sh(off.command(), off.delta());
            EdgeNat after = NftJsonReader.read("ns", ns.sh("nft -j list ruleset", ""));
            assertTrue(TunnelMasquerade.rules(after, "tun0").isEmpty());
            assertEquals(1, TunnelMasquerade.rules(after, "tun1").size());
            EdgeChange undo = EdgeChange.restore(before, masq);
            ns.sh(undo.command(), undo.delta());
            assertEquals(EdgeSide.fingerprint(before), EdgeSide.fingerprint(NftJsonReader.read("ns", ns.sh("nft -j list ruleset", ""))));
        }
    }

    @Test
    void nftOnCreatesTheChainWhenThereIsNone() {
        try (Netns ns = Netns.create("nfton")) {
            assumeTrue(ns.has("nft"), "nft not installed");
            EdgeNat empty = NftJsonReader.read("ns", ns.sh("nft -j list ruleset", ""));
            EdgeChange on = EdgeChange.addMasquerade(empty, "tun0");
            ns.sh(on.command(), on.delta());
            EdgeNat after = NftJsonReader.read("ns", ns.sh("nft -j list ruleset", ""));
            assertEquals(1, TunnelMasquerade.rules(after, "tun0").size());
            EdgeChange undo = EdgeChange.removeAdded(after, "tun0");
            ns.sh(undo.command(), undo.delta());
            assertTrue(TunnelMasquerade.rules(NftJsonReader.read("ns", ns.sh("nft -j list ruleset", "")), "tun0").isEmpty());
        }
    }

    @Test
    void refusesRulesThatMasqueradeMoreThanTheTunnel() {
        EdgeNat nat = IptablesSaveReader.read("x", "*nat\n-A POSTROUTING -j MASQUERADE\n-A POSTROUTING -o tun+ -j MASQUERADE\nCOMMIT\n");
        List<NatRule> masq = TunnelMasquerade.rules(nat, "tun0");
        assertEquals(2, masq.size());
        assertTrue(TunnelMasquerade.whyNotRemovable(masq.get(0), "tun0").orElseThrow().contains("'any'"));
        assertTrue(TunnelMasquerade.whyNotRemovable(masq.get(1), "tun0").orElseThrow().contains("'tun+'"));
        assertTrue(Repo.root().toFile().isDirectory());
    }
}
