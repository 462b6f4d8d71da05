package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import ops.net.IpAddress;
import org.junit.jupiter.api.Test;

/** curl 7.88's real -w lines and messages, as the lab's admin host printed them. */
class CurlOutputReaderTest {
    private static final String OK = "ops-probe local_ip=198.51.100.20 local_port=61001 connect=0.000399 total=0.000700 http=200\n";

    @Test
    void aCompletedHttpProbeHasItsSourceHandshakeAndStatus() {
        ProbeOutcome o = CurlOutputReader.read(OK, "", 0);
        assertEquals(Optional.of(IpAddress.parse("198.51.100.20")), o.localAddress());
        assertEquals(61001, o.localPort());
        assertTrue(o.handshake());
        assertEquals(0.399, o.connectMs().orElseThrow(), 1e-9);
        assertEquals(0.7, o.totalMs(), 1e-9);
        assertEquals(200, o.httpStatus());
        assertEquals("", o.error());
    }

    @Test
    void aTimedOutConnectionNeverShakesHands() {
        ProbeOutcome o = CurlOutputReader.read("ops-probe local_ip= local_port=0 connect=0.000000 total=2.001876 http=000\n",
                "curl: (28) Failed to connect to 203.0.113.13 port 80 after 2001 ms: Timeout was reached\n", 28);
        assertFalse(o.handshake());
        assertEquals(Optional.empty(), o.localAddress());
        assertEquals(0, o.localPort(), "curl does not say which port a failed connect used");
        assertEquals(28, o.exit());
        assertEquals("curl: (28) Failed to connect to 203.0.113.13 port 80 after 2001 ms: Timeout was reached", o.error());
    }

    @Test
    void aPlainServiceThatKeepsSilentTimesOutAfterTheHandshake() {
        ProbeOutcome o = CurlOutputReader.read("ops-probe local_ip=198.51.100.20 local_port=61009 connect=0.000406 total=3.016553 http=000\n",
                "curl: (28) Time-out\n", 28);
        assertTrue(o.handshake());
        assertEquals(0, o.httpStatus());
    }

    @Test
    void aRefusalAndAMissingCurlAreFailuresWithTheirMessage() {
        ProbeOutcome refused = CurlOutputReader.read("ops-probe local_ip= local_port=0 connect=0.000000 total=0.000237 http=000\n",
                "curl: (7) Failed to connect to 203.0.113.12 port 80 after 0 ms: Couldn't connect to server\n", 7);
        assertFalse(refused.handshake());
        assertEquals(7, refused.exit());
        ProbeOutcome missing = CurlOutputReader.read("", "sh: 1: curl: not found\n", 127);
        assertFalse(missing.handshake());
        assertEquals("sh: 1: curl: not found", missing.error());
        assertEquals(0.0, missing.totalMs());
    }

    @Test
    void theLastLineCountsAndOtherOutputIsIgnored() {
        ProbeOutcome o = CurlOutputReader.read("some body\nops-probe local_ip=:0 connect=0 total=0 http=000\n" + OK, "", 0);
        assertEquals(61001, o.localPort());
    }
}
