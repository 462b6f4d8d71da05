package ops.edge;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import ops.base.OpsException;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

class EdgeReadersTest {
    @Test
    void readsIptablesNatRulesAndSkipsOtherTables() {
        EdgeNat nat = IptablesSaveReader.read("e", Repo.read("examples/double-nat/edges/EDGE1_VPNV4.iptables"));
        assertEquals("iptables", nat.tool());
        assertEquals(4, nat.rules().size());
        NatRule dnat = nat.rules().get(0);
        assertTrue(dnat.isDnat());
        assertEquals("eth0", dnat.inIface());
        assertEquals("203.0.113.11/32", dnat.destination());
        assertEquals("443", dnat.dports());
        assertEquals("10.8.1.2", dnat.toAddress());
        assertEquals("443", dnat.toPort());
        NatRule masq = nat.chain("POSTROUTING").get(0);
        assertEquals("MASQUERADE", masq.action());
        assertEquals("tun0", masq.outIface());
        assertTrue(masq.locator().endsWith("line 9"), masq.locator());
        assertEquals("POSTROUTING 1", masq.ref());
        assertEquals("POSTROUTING 2", nat.chain("POSTROUTING").get(1).ref());
    }

    @Test
    void keepsNegationsQuotedCommentsAndUnmodeledMatches() {
        EdgeNat nat = IptablesSaveReader.read("e", "*nat\n-A POSTROUTING ! -s 10.0.0.0/8 -o tun+ -m comment --comment \"keep \\\"client\\\" ip\" "
                + "-m conntrack --ctstate DNAT -j MASQUERADE\n-A POSTROUTING -j EDGE\nCOMMIT\n");
        NatRule r = nat.rules().get(0);
        assertEquals("!10.0.0.0/8", r.source());
        assertEquals("tun+", r.outIface());
        assertEquals(List.of("--ctstate DNAT"), r.unmodeled());
        assertEquals("JUMP", nat.rules().get(1).action());
        assertEquals("EDGE", nat.rules().get(1).jumpTo());
    }

    @Test
    void refusesTextThatIsNotIptablesSave() {
        OpsException e = assertThrows(OpsException.class, () -> IptablesSaveReader.read("e", "*nat\niptables: command not found\n"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertThrows(OpsException.class, () -> IptablesSaveReader.read("e", "*nat\n-A PREROUTING -j \"DNAT\n"));
    }

    @Test
    void readsNftJsonIntoTheSameRules() {
        EdgeNat nat = NftJsonReader.read("e", Repo.read("examples/double-nat/edges/EDGE3_VPNV4.nft.json"));
        assertEquals("nftables", nat.tool());
        NatRule dnat = nat.chain("PREROUTING").get(0);
        assertEquals("DNAT", dnat.action());
        assertEquals("eth0", dnat.inIface());
        assertEquals("tcp", dnat.protocol());
        assertEquals("443", dnat.dports());
        assertEquals("10.8.3.2", dnat.toAddress());
        NatRule masq = nat.chain("POSTROUTING").get(0);
        assertEquals("MASQUERADE", masq.action());
        assertEquals("tun0", masq.outIface());
        assertEquals("oifname \"tun0\" counter masquerade", masq.text());
        assertEquals("ip nat postrouting handle 5", masq.ref());
        NatRule wan = nat.chain("POSTROUTING").get(1);
        assertEquals("10.8.3.0/24", wan.source());
        assertTrue(wan.locator().contains("handle 6"), wan.locator());
    }

    @Test
    void refusesJsonThatIsNotAnNftRuleset() {
        assertThrows(OpsException.class, () -> NftJsonReader.read("e", "{\"foo\":1}"));
        OpsException e = assertThrows(OpsException.class, () -> NftJsonReader.read("e", "{\"nftables\":[\n{]}"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void readsIpAddrJsonWithPointToPointPeers() {
        List<EdgeInterface> ifs = IpAddrJsonReader.read("a", """
                [{"ifname":"tun0","flags":["POINTOPOINT","UP"],"addr_info":[{"family":"inet","local":"10.8.0.1","address":"10.8.0.2","prefixlen":32},
                 {"family":"inet6","local":"fe80::1","prefixlen":64}]}]""");
        EdgeInterface.Address a = ifs.get(0).addresses().get(0);
        assertEquals("10.8.0.1", a.local().toString());
        assertEquals("10.8.0.2", a.peer().orElseThrow().toString());
        assertTrue(ifs.get(0).up());
        assertEquals(2, ifs.get(0).addresses().size());
        assertThrows(OpsException.class, () -> IpAddrJsonReader.read("a", "[{\"addr_info\":[]}]"));
    }
}
