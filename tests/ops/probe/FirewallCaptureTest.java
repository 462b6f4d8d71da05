package ops.probe;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import ops.base.OpsException;
import ops.remote.LocalShell;
import ops.remote.Remote;
import ops.remote.Running;
import ops.support.Netns;
import org.junit.jupiter.api.Test;

/**
 * The capture script with a real tcpdump and /bin/sh in a throwaway network namespace: what it
 * reports per interface, the packets it hands back, and that no tcpdump, timeout or file of it
 * is left, whether stopped or aborted.
 */
class FirewallCaptureTest {
    private static final PortRange PORTS = new PortRange(61500, 61503);

    private static Netns lab() {
        Netns ns = Netns.create("cap");
        try {
            assumeTrue(ns.has("tcpdump") && ns.has("curl") && ns.has("timeout") && ns.has("pkill"), "needs tcpdump, curl, timeout and pkill");
            ns.sh("ip link set lo up && ip link add vdown type veth peer name vpeer", ""); // created down
            return ns;
        } catch (RuntimeException | Error e) {
            ns.close(); // a skipped or failed setup leaves no namespace behind
            throw e;
        }
    }

    private static void assertNothingLeft(String marker) {
        assertFalse(LocalShell.here().run("pgrep -f 'ops-sic[.]" + marker + "'").ok(), "a process of the capture is still running");
        assertFalse(Files.exists(Path.of(CaptureScript.directory(marker))), "its directory is still there");
    }

    @Test
    void capturesTheProbesPacketsPerInterfaceAndTellsDownInterfacesFromFailures() {
        try (Netns ns = lab()) {
            String marker;
            Map<String, CapturedDevice> seen;
            try (FirewallCapture c = FirewallCapture.start(ns.shell(), List.of("lo", "vdown", "nosuch0"), PORTS, Duration.ofSeconds(30))) {
                marker = c.marker();
                assertTrue(LocalShell.here().run("pgrep -f 'tcpdump .*ops-sic[.]" + marker + "'").ok(), "tcpdump runs while we probe");
                // a connection nothing accepts: the SYN and the kernel's reset, from one of the probe's own ports
                ns.shell().run("curl -q -sS --local-port 61500-61503 --connect-timeout 1 telnet://127.0.0.1:9 </dev/null", "",
                        Duration.ofSeconds(10));
                // other traffic on the same interface: not one of the probe's ports, so not captured
                ns.shell().run("curl -q -sS --local-port 40000 --connect-timeout 1 telnet://127.0.0.1:9 </dev/null", "",
                        Duration.ofSeconds(10));
                seen = c.stop();
            }
            assertEquals(List.of("lo", "vdown", "nosuch0"), List.copyOf(seen.keySet()));
            CapturedDevice lo = seen.get("lo");
            assertEquals(CapturedDevice.State.LISTENING, lo.state());
            assertEquals(2, lo.packets().size(), lo.toString());
            assertTrue(lo.packets().get(0).opens() && PORTS.contains(lo.packets().get(0).sourcePort()));
            assertTrue(lo.packets().get(1).reset());
            assertEquals(new CapturedDevice("vdown", CapturedDevice.State.DOWN, "tcpdump: vdown: That device is not up", List.of(), 0),
                    seen.get("vdown"));
            assertEquals(CapturedDevice.State.DOWN, seen.get("nosuch0").state());
            assertEquals("tcpdump: nosuch0: No such device exists", seen.get("nosuch0").message());
            assertNothingLeft(marker);
        }
    }

    @Test
    void closingWithoutStoppingKillsTheCaptureByItsMarker() {
        try (Netns ns = lab()) {
            FirewallCapture c = FirewallCapture.start(ns.shell(), List.of("lo"), PORTS, Duration.ofSeconds(30));
            String marker = c.marker();
            c.close(); // as on a failure or Ctrl-C: no report wanted, just nothing left
            assertNothingLeft(marker);
        }
    }

    @Test
    void aFirewallWithoutTcpdumpIsOneLine() {
        try (Netns ns = lab()) {
            Remote noTcpdump = new Remote() { // a login whose PATH has no tcpdump (and there is no /usr/sbin/tcpdump here)
                @Override public String name() { return "fw"; }
                @Override public Result run(String command, String stdin, Duration timeout) { return ns.shell().run(command, stdin, timeout); }
                @Override public Running start(String command) { return ns.shell().start("PATH=/nonexistent exec /bin/" + command); }
            };
            assumeTrue(!Files.exists(Path.of("/usr/sbin/tcpdump")), "this machine has /usr/sbin/tcpdump, which the script also tries");
            OpsException e = assertThrows(OpsException.class, () -> FirewallCapture.start(noTcpdump, List.of("lo"), PORTS, Duration.ofSeconds(30)));
            assertEquals("fw: tcpdump is not installed (not on PATH, not /usr/sbin/tcpdump); source-ip-check watches the firewall's "
                    + "interfaces with it: install it (pfSense ships it), or log in as a user whose PATH has it", e.getMessage());
        }
    }

    @Test
    void everyInterfaceDownIsNoErrorSinceNothingCanArrive() {
        try (Netns ns = lab()) {
            Map<String, CapturedDevice> down;
            try (FirewallCapture c = FirewallCapture.start(ns.shell(), List.of("vdown"), PORTS, Duration.ofSeconds(30))) {
                down = c.stop();
            }
            assertEquals(CapturedDevice.State.DOWN, down.get("vdown").state());
        }
    }

    @Test
    void theScriptsMarkersAndTcpdumpsMessagesAreRead() {
        CaptureScript.Start s = CaptureScript.start("n1", List.of("noise", "@@n1:listening:ovpnc1", "@@n1:not-listening:ovpnc2", "@@n1:ready"));
        assertEquals(Map.of("ovpnc1", true, "ovpnc2", false), s.listening());
        assertTrue(s.fatal().isEmpty());
        assertEquals("no-tcpdump", CaptureScript.start("n1", List.of("@@n1:no-tcpdump")).fatal().orElseThrow());
        assertTrue(CaptureScript.sections("n1", List.of("@@n1:out:ovpnc1", "a")).isEmpty(), "no end marker: incomplete");
        var sections = CaptureScript.sections("n1", List.of("@@n1:out:ovpnc1", "a", "b", "@@n1:err:ovpnc1", "e", "@@n1:end")).orElseThrow();
        assertEquals(new CaptureScript.Section("a\nb\n", "e\n"), sections.get("ovpnc1"));
        assertEquals("sudo: a password is required", CaptureScript.firstError(
                "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\nsudo: a password is required\n"));
        assertEquals("", CaptureScript.firstError("listening on ovpnc1, link-type NULL (BSD loopback), snapshot length 262144 bytes\n"
                + "0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n"));
        assertTrue(CaptureScript.deviceDown("tcpdump: ovpnc1: That device is not up"));
        assertTrue(CaptureScript.deviceDown("tcpdump: BIOCSETIF: ovpnc9: Device not configured"));
        assertFalse(CaptureScript.deviceDown("tcpdump: ovpnc1: You don't have permission to capture on that device"));
        assertThrows(IllegalArgumentException.class, () -> CaptureScript.text("n1", List.of("eth0; reboot"), "tcp", Duration.ofSeconds(5)));
    }
}
