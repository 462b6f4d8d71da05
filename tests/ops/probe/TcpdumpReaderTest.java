package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Optional;
import ops.net.IpAddress;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/** tcpdump's lines as the lab's firewall printed them (tests/fixtures/tcpdump/README.md), and the shapes other systems print. */
class TcpdumpReaderTest {
    private static TcpdumpReader.Read fixture(String device) {
        return TcpdumpReader.read(device, Repo.read("tests/fixtures/tcpdump/" + device + ".out"));
    }

    @Test
    void readsEveryLineOfARealCaptureWithItsDeviceTimeAddressesPortsAndFlags() {
        TcpdumpReader.Read r = fixture("ovpnc1");
        assertEquals(8, r.packets().size());
        assertEquals(List.of(), r.skipped());
        Packet syn = r.packets().get(0);
        assertEquals(new Packet("ovpnc1", 1795692156012695L, IpAddress.parse("10.8.1.1"), 61001, IpAddress.parse("10.8.1.2"), 80, "S"), syn);
        assertTrue(syn.opens());
        assertFalse(syn.answers());
        Packet synAck = r.packets().get(1);
        assertEquals("S.", synAck.flags());
        assertTrue(synAck.answers() && synAck.syn() && synAck.ack());
        assertFalse(synAck.opens());
    }

    @Test
    void aResetAnswersTooButOpensNothing() {
        Packet rst = TcpdumpReader.read("ovpnc2", Repo.read("tests/fixtures/tcpdump/ovpnc2-reset.out")).packets().get(1);
        assertEquals("R.", rst.flags());
        assertTrue(rst.reset() && rst.answers());
        assertFalse(rst.opens());
    }

    @Test
    void keepsAsideWhatIsNotAnIpv4TcpSummaryInsteadOfGuessing() {
        String text = String.join("\n",
                "1795692156.012695 IP 10.8.1.1.61001 > 10.8.1.2.80: Flags [S], seq 1, win 64240, length 0",
                "1795692156.100000 IP6 2001:db8::1.61001 > 2001:db8::2.80: Flags [S], seq 1, win 64800, length 0",
                "1795692156.200000 IP 10.8.1.2 > 10.8.1.1: ICMP 10.8.1.2 tcp port 80 unreachable, length 68",
                "1795692156.300000 ARP, Request who-has 10.8.1.2 tell 10.8.1.1, length 28",
                "1795692156.400000 IP 10.8.1.1.61001 > 10.8.1.2.99999: Flags [S], seq 1, win 64240, length 0",
                "");
        TcpdumpReader.Read r = TcpdumpReader.read("ovpnc1", text);
        assertEquals(1, r.packets().size());
        assertEquals(4, r.skipped().size());
    }

    @Test
    void acceptsTheOtherShapesTcpdumpPrints() {
        // without -tt (wall clock), BSD flag letters for ECN (tcpdump's print-tcp.c: E ECE, W CWR), Linux's -i any prefix
        TcpdumpReader.Read r = TcpdumpReader.read("ovpnc1", String.join("\n",
                "23:05:38.332712 IP 10.200.0.2.49314 > 34.160.111.145.80: Flags [SEW], seq 2548532353, win 65535, length 0",
                "1795692156.022886 ovpnc3 In  IP 198.51.100.20.61005 > 10.8.3.2.80: Flags [S], seq 1, win 64240, length 0",
                "1795692156.022900 ovpnc1 Out IP 10.8.3.2.80 > 198.51.100.20.61005: Flags [S.], seq 2, ack 2, win 65160, length 0"));
        assertEquals(3, r.packets().size(), r.skipped().toString());
        Packet bsd = r.packets().get(0);
        assertEquals((23 * 3600 + 5 * 60 + 38) * 1_000_000L + 332712, bsd.micros());
        assertTrue(bsd.opens(), "SYN with ECN flags still opens");
        assertEquals("ovpnc3", r.packets().get(1).device(), "the -i any prefix names the interface");
        assertEquals("ovpnc1", r.packets().get(2).device());
    }

    @Test
    void readsTheKernelsDropCountFromTheClosingStatistics() {
        assertEquals(Optional.of(0L), TcpdumpReader.droppedByKernel(Repo.read("tests/fixtures/tcpdump/ovpnc1.err")));
        assertEquals(Optional.of(12L), TcpdumpReader.droppedByKernel("5 packets captured\n17 packets received by filter\n12 packets dropped by kernel\n"));
        assertEquals(Optional.empty(), TcpdumpReader.droppedByKernel("tcpdump: ovpnc1: That device is not up\n"));
    }
}
