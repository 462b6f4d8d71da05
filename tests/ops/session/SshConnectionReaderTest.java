package ops.session;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Optional;
import ops.base.OpsException;
import ops.net.IpAddress;
import org.junit.jupiter.api.Test;

/** SSH_CONNECTION as sshd sets it (OpenSSH's session.c: "%s %d %s %d", peer then local), and what is not. */
class SshConnectionReaderTest {
    private static SessionView read(String text) {
        return SshConnectionReader.read("fw", text).orElseThrow();
    }

    @Test
    void readsAnIpv4SessionAsPrintenvPrintsIt() {
        SessionView v = read("198.51.100.20 60180 10.8.1.2 22\n");
        assertEquals(new SessionView(IpAddress.parse("198.51.100.20"), 60180, IpAddress.parse("10.8.1.2"), 22), v);
        assertEquals("198.51.100.20:60180 -> 10.8.1.2:22", v.describe());
    }

    @Test
    void readsAnIpv6Session() {
        SessionView v = read("2001:db8::5 50122 2001:db8:0:1::1 22");
        assertEquals(IpAddress.parse("2001:db8::5"), v.peer());
        assertFalse(v.local().isV4());
        assertEquals("[2001:db8::5]:50122 -> [2001:db8:0:1::1]:22", v.describe());
    }

    @Test
    void anIpv4MappedPeerIsTheIpv4AddressItCarries() {
        SessionView v = read("::ffff:198.51.100.20 40000 ::ffff:10.8.1.2 22");
        assertEquals(IpAddress.parse("198.51.100.20"), v.peer());
        assertEquals(IpAddress.parse("10.8.1.2"), v.local());
    }

    @Test
    void unsetIsEmpty() {
        assertEquals(Optional.empty(), SshConnectionReader.read("fw", ""));
        assertEquals(Optional.empty(), SshConnectionReader.read("fw", "\n"));
        assertEquals(Optional.empty(), SshConnectionReader.read("fw", null));
    }

    @Test
    void anythingElseIsOneLineNamingTheHost() {
        for (String garbage : new String[] {"198.51.100.20 60180 10.8.1.2", "198.51.100.20 60180 10.8.1.2 22 extra",
                "example.com 60180 10.8.1.2 22", "198.51.100.20 x 10.8.1.2 22", "198.51.100.20 60180 10.8.1.2 70000",
                "198.51.100.20 0 10.8.1.2 22", "198.51.100.20 -1 10.8.1.2 22", "Welcome to pfSense\n*** menu ***"}) {
            OpsException e = assertThrows(OpsException.class, () -> SshConnectionReader.read("fw", garbage), garbage);
            assertTrue(e.getMessage().startsWith("fw: SSH_CONNECTION is '") && e.getMessage().endsWith("', not 'PEER PORT LOCAL PORT'"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
