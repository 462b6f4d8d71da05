package ops.nat;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PersistenceTest {
    @Test
    void prefersNetfilterPersistentWithItsRulesFile() {
        Persistence p = Persistence.detect("iptables", "netfilter-persistent\nfile /etc/iptables/rules.v4\n");
        assertEquals("netfilter-persistent", p.how());
        assertTrue(p.saveCommand("20261126-101500").orElseThrow().startsWith("cp -p /etc/iptables/rules.v4 /etc/iptables/rules.v4.ops-20261126-101500 && "));
    }

    @Test
    void fallsBackToTheRulesFile() {
        Persistence p = Persistence.detect("iptables", "file /etc/sysconfig/iptables\n");
        assertEquals("file", p.how());
        assertTrue(p.saveCommand("s").orElseThrow().contains("iptables-save > /etc/sysconfig/iptables.ops-new && mv"));
    }

    @Test
    void nftablesUsesItsConfigAndIgnoresIptablesFiles() {
        assertEquals("nftables.conf", Persistence.detect("nftables", "file /etc/iptables/rules.v4\nfile /etc/nftables.conf\n").how());
        assertEquals("none", Persistence.detect("nftables", "netfilter-persistent\nfile /etc/iptables/rules.v4\n").how());
    }

    @Test
    void saysPlainlyWhenNothingPersists() {
        Persistence p = Persistence.detect("iptables", "");
        assertFalse(p.persists());
        assertTrue(p.saveCommand("s").isEmpty());
        assertTrue(p.describe().contains("lost at reboot"));
    }
}
