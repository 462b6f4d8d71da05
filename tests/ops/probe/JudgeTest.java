package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ops.audit.Verdict;
import ops.net.IpAddress;
import ops.support.Repo;
import org.junit.jupiter.api.Test;

/**
 * Verdicts from what the vantage and the firewall saw. The packets are the lab's real capture in
 * the triangular scenario (tests/fixtures/tcpdump), the admin 198.51.100.20 probing; cases the
 * capture lacks are written in the same format.
 */
class JudgeTest {
    private static final IpAddress ADMIN = IpAddress.parse("198.51.100.20");

    private static ProbeTarget target(int edge, int port, int forwardPort) {
        return new ProbeTarget("EDGE" + edge + "_VPNV4", "ovpnc" + edge, "tcp/" + port, port,
                Optional.of(IpAddress.parse("203.0.113.1" + edge)), "the DNAT rule's destination",
                IpAddress.parse("10.8." + edge + ".2"), forwardPort,
                Set.of(IpAddress.parse("10.8." + edge + ".1"), IpAddress.parse("203.0.113.1" + edge)), null);
    }

    private static List<Packet> fixture() {
        List<Packet> out = new ArrayList<>();
        for (String d : List.of("ovpnc1", "ovpnc2", "ovpnc3")) {
            out.addAll(TcpdumpReader.read(d, Repo.read("tests/fixtures/tcpdump/" + d + ".out")).packets());
        }
        return out;
    }

    private static Map<String, CapturedDevice> listening(String... down) {
        Map<String, CapturedDevice> m = new LinkedHashMap<>();
        for (String d : List.of("ovpnc1", "ovpnc2", "ovpnc3")) {
            boolean isDown = List.of(down).contains(d);
            m.put(d, new CapturedDevice(d, isDown ? CapturedDevice.State.DOWN : CapturedDevice.State.LISTENING,
                    isDown ? "tcpdump: " + d + ": That device is not up" : "", List.of(), 0));
        }
        return m;
    }

    private static ProbeOutcome connected(double ms, int http) {
        return new ProbeOutcome(0, Optional.of(ADMIN), 0, Optional.of(ms), ms + 0.3, http, "");
    }

    private static ProbeOutcome failed(int exit, String error) {
        return new ProbeOutcome(exit, Optional.empty(), 0, Optional.empty(), 3001, 0, error);
    }

    private static Judge.Judgement judge(ProbeTarget t, int firstPort, ProbeOutcome o, List<Packet> packets, Map<String, CapturedDevice> devices) {
        Observation seen = Observation.find(packets, t, new PortRange(firstPort, firstPort + 3));
        return Judge.decide(t, o, seen, devices, ADMIN, "admin");
    }

    private static List<Packet> lines(String... lines) {
        List<Packet> out = new ArrayList<>();
        for (String l : lines) {
            String device = l.substring(0, l.indexOf(' '));
            out.addAll(TcpdumpReader.read(device, l.substring(device.length() + 1)).packets());
        }
        return out;
    }

    @Test
    void theEdgesAddressArrivingAndTheReplyLeavingTheSameWayIsMasqueraded() {
        Judge.Judgement j = judge(target(1, 80, 80), 61001, connected(0.399, 200), fixture(), listening());
        assertEquals(MeasuredVerdict.MASQUERADED, j.verdict());
        assertEquals("the edge's address 10.8.1.1 arrived on ovpnc1; SYN-ACK left by ovpnc1 0.1 ms later; connected in 0.4 ms, HTTP 200",
                j.note());
        assertEquals(MeasuredVerdict.MASQUERADED, judge(target(1, 2222, 22), 61009, connected(0.406, 0), fixture(), listening()).verdict(),
                "the firewall's own sshd behind EDGE1's port 2222");
        assertEquals(MeasuredVerdict.MASQUERADED, judge(target(2, 443, 443), 61013, connected(0.351, 0), fixture(), listening()).verdict());
    }

    @Test
    void theReplyLeavingByAnotherTunnelAndAFailedHandshakeIsTriangular() {
        Judge.Judgement j = judge(target(3, 80, 80), 61005,
                failed(28, "curl: (28) Failed to connect to 203.0.113.13 port 80 after 2001 ms: Timeout was reached"), fixture(), listening());
        assertEquals(MeasuredVerdict.TRIANGULAR, j.verdict());
        assertEquals("198.51.100.20 arrived on ovpnc3, but its SYN-ACK left by ovpnc1 0.1 ms later: the connection failed "
                + "(curl: (28) Failed to connect to 203.0.113.13 port 80 after 2001 ms: Timeout was reached)", j.note());
    }

    @Test
    void theClientsAddressBothWaysOnOneTunnelIsPreservedEvenAmongOtherTraffic() {
        List<Packet> p = lines(
                // someone else's connection to the same service, just before ours: other source port
                "ovpnc1 1795692200.000100 IP 198.51.100.20.40000 > 10.8.1.2.80: Flags [S], seq 1, win 64240, length 0",
                "ovpnc1 1795692200.000300 IP 198.51.100.20.61102 > 10.8.1.2.80: Flags [S], seq 2, win 64240, length 0",
                // if the LAN were captured too: the forwarded SYN and the server's own SYN-ACK, with the server's address
                "vtnet1 1795692200.000350 IP 198.51.100.20.61102 > 192.168.1.10.80: Flags [S], seq 2, win 64240, length 0",
                "vtnet1 1795692200.000400 IP 192.168.1.10.80 > 198.51.100.20.61102: Flags [S.], seq 9, ack 3, win 65160, length 0",
                "ovpnc1 1795692200.000450 IP 10.8.1.2.80 > 198.51.100.20.61102: Flags [S.], seq 9, ack 3, win 65160, length 0",
                "ovpnc2 1795692200.000500 IP 10.8.1.2.80 > 198.51.100.20.40000: Flags [S.], seq 7, ack 2, win 65160, length 0");
        Judge.Judgement j = judge(target(1, 80, 80), 61101, connected(1.0, 200), p, listening());
        assertEquals(MeasuredVerdict.PRESERVED, j.verdict(), j.note());
        assertEquals("the client address 198.51.100.20 arrived on ovpnc1; SYN-ACK left by ovpnc1 0.2 ms later; connected in 1.0 ms, HTTP 200",
                j.note());
    }

    @Test
    void nothingArrivingIsNotReachedAndADownTunnelSaysSo() {
        Judge.Judgement down = judge(target(1, 80, 80), 62001, failed(28, "curl: (28) Timeout was reached"), List.of(), listening("ovpnc1"));
        assertEquals(MeasuredVerdict.NOT_REACHED, down.verdict());
        assertEquals("nothing arrived: ovpnc1 is down (tcpdump: ovpnc1: That device is not up)", down.note());
        Judge.Judgement silent = judge(target(1, 80, 80), 62001, failed(28, "curl: (28) Timeout was reached"), fixture(), listening());
        assertEquals(MeasuredVerdict.NOT_REACHED, silent.verdict());
        assertEquals("nothing arrived on ovpnc1 (curl: (28) Timeout was reached)", silent.note());
    }

    @Test
    void arrivingWithoutAnyAnswerIsNoReply() {
        List<Packet> p = lines("ovpnc2 1795692300.000100 IP 10.8.2.1.61201 > 10.8.2.2.443: Flags [S], seq 1, win 64240, length 0");
        Judge.Judgement j = judge(target(2, 443, 443), 61201, failed(28, "curl: (28) Timeout was reached"), p, listening());
        assertEquals(MeasuredVerdict.NO_REPLY, j.verdict());
        assertEquals("10.8.2.1 arrived on ovpnc2; no answer left the firewall: it blocks the path, or the server does not answer "
                + "(curl: (28) Timeout was reached)", j.note());
    }

    @Test
    void aResetFromBehindTheFirewallIsAClosedPortNotAVerdict() {
        List<Packet> p = TcpdumpReader.read("ovpnc2", Repo.read("tests/fixtures/tcpdump/ovpnc2-reset.out")).packets();
        Judge.Judgement j = judge(target(2, 80, 80), 61021,
                failed(7, "curl: (7) Failed to connect to 203.0.113.12 port 80 after 0 ms: Couldn't connect to server"), p, listening());
        assertEquals(MeasuredVerdict.UNKNOWN, j.verdict());
        assertEquals("refused: 10.8.2.1 arrived on ovpnc2 and a reset left by ovpnc2 0.0 ms later: nothing listens on the server's "
                + "port (or the firewall refuses it)", j.note());
    }

    @Test
    void aRefusalBeforeTheFirewallIsAClosedPortOrAnUnreachableEdge() {
        Judge.Judgement j = judge(target(2, 8081, 8081), 61025,
                failed(7, "curl: (7) Failed to connect to 203.0.113.12 port 8081 after 0 ms: Couldn't connect to server"), fixture(), listening());
        assertEquals(MeasuredVerdict.UNKNOWN, j.verdict());
        assertEquals("203.0.113.12:8081 refused the connection or cannot be reached from admin (curl: (7) Failed to connect to "
                + "203.0.113.12 port 8081 after 0 ms: Couldn't connect to server), and nothing arrived at the firewall: the edge "
                + "publishes nothing on that port, or it or the way to it is down", j.note());
    }

    @Test
    void whatFitsNoVerdictIsUnknownWithTheReason() {
        Judge.Judgement works = judge(target(1, 80, 80), 62001, connected(1, 200), fixture(), listening());
        assertEquals(MeasuredVerdict.UNKNOWN, works.verdict());
        assertTrue(works.note().startsWith("the connection worked, but no SYN from its source ports reached the firewall"), works.note());

        List<Packet> stranger = lines(
                "ovpnc1 1795692400.000100 IP 192.0.2.77.61301 > 10.8.1.2.80: Flags [S], seq 1, win 64240, length 0",
                "ovpnc1 1795692400.000200 IP 10.8.1.2.80 > 192.0.2.77.61301: Flags [S.], seq 5, ack 2, win 65160, length 0");
        Judge.Judgement nat = judge(target(1, 80, 80), 61301, connected(1, 200), stranger, listening());
        assertEquals(MeasuredVerdict.UNKNOWN, nat.verdict());
        assertTrue(nat.note().endsWith("but it is neither the expected client address 198.51.100.20 nor the edge's; if admin is "
                + "behind NAT, give --expect-ip or an --echo-url"), nat.note());

        Judge.Judgement notRun = judge(target(1, 80, 80), 62001, failed(127, "sh: 1: curl: not found"), List.of(), listening());
        assertEquals("the probe did not run on admin (sh: 1: curl: not found)", notRun.note());
    }

    @Test
    void measuredAndPredictedAgreeByMeaning() {
        assertEquals(Optional.of(true), MeasuredVerdict.NOT_REACHED.agreesWith(Verdict.DOWN));
        assertEquals(Optional.of(true), MeasuredVerdict.NO_REPLY.agreesWith(Verdict.BLOCKED));
        assertEquals(Optional.of(true), MeasuredVerdict.TRIANGULAR.agreesWith(Verdict.TRIANGULAR));
        assertEquals(Optional.of(false), MeasuredVerdict.PRESERVED.agreesWith(Verdict.TRIANGULAR));
        assertEquals(Optional.empty(), MeasuredVerdict.UNKNOWN.agreesWith(Verdict.PRESERVED), "nothing measured: nothing to compare");
        assertEquals(Optional.empty(), MeasuredVerdict.PRESERVED.agreesWith(Verdict.UNKNOWN), "nothing predicted: nothing to compare");
    }
}
