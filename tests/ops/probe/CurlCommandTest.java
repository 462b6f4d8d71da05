package ops.probe;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CurlCommandTest {
    @Test
    void anHttpPortGetsARequestWithTheProbesMarkerFromItsOwnPorts() {
        ProbePlan p = new ProbePlan(ProbePlanTest.target("EDGE1_VPNV4", "203.0.113.11", 80), new PortRange(61001, 61004), true);
        assertEquals("curl -q -sS --noproxy '*' --local-port 61001-61004 --connect-timeout 3.0 --max-time 6.0 -o /dev/null -w '"
                + CurlCommand.WRITE_OUT + "' -A '" + CurlCommand.USER_AGENT + "' -H 'X-Ops-Probe: 0a1b-1' 'http://203.0.113.11:80/'",
                CurlCommand.probe(p, Duration.ofSeconds(3), "0a1b-1"));
    }

    @Test
    void anotherPortGetsAPlainTcpConnectionAndHalfASecondAfterTheHandshake() {
        ProbePlan p = new ProbePlan(ProbePlanTest.target("EDGE1_VPNV4", "203.0.113.11", 2222), new PortRange(61005, 61008), false);
        String c = CurlCommand.probe(p, Duration.ofMillis(2500), "x");
        assertTrue(c.endsWith(" 'telnet://203.0.113.11:2222'"), c);
        assertTrue(c.contains("--connect-timeout 2.5 --max-time 3.0 "), c);
        assertFalse(c.contains("X-Ops-Probe"), "nothing is sent to a service that is not HTTP");
    }

    @Test
    void theEchoUrlIsOneShellWordWhateverItHolds() {
        assertEquals("'http://echo.test/?a=1&b='\\''x'\\'''", CurlCommand.quote("http://echo.test/?a=1&b='x'"));
        assertTrue(CurlCommand.echo("https://api.ipify.org?format=json", Duration.ofSeconds(5))
                .endsWith(" 'https://api.ipify.org?format=json'"));
    }
}
